package dev.modelregistry.core.identity;

import dev.modelregistry.core.error.RegistryException;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** Lower-case hexadecimal strings as the API takes them: nothing is normalised, upper case is refused. */
public final class Hex {
    private static final Pattern LOWER_HEX = Pattern.compile("^[0-9a-f]+$");

    private Hex() {
    }

    public static String require(String field, String value, int minLength, int maxLength) {
        if (value == null || value.length() < minLength || value.length() > maxLength
                || !LOWER_HEX.matcher(value).matches()) {
            throw RegistryException.invalid(field,
                    "must be " + minLength + "–" + maxLength + " lower-case hex characters");
        }
        return value;
    }

    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
