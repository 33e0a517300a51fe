package dev.modelregistry.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {
    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aLineShowsNameBarBytesPercentRateAndEta() {
        String line = ProgressBar.format("model.bin", GIB, 4 * GIB, 8 * SECOND, 80);

        assertThat(line).isEqualTo("model.bin  [####--------------]  1.0 GiB / 4.0 GiB   25%  128.0 MiB/s  ETA 0:24");
        assertThat(line).hasSize(79);
    }

    @Test
    void etaBeyondAnHourShowsHours() {
        assertThat(ProgressBar.format("x", MIB, 100 * GIB, SECOND, 80)).endsWith("1.0 MiB / 100.0 GiB    0%  1.0 MiB/s  ETA 28:26:39");
    }

    @Test
    void aLongNameKeepsItsEndAndTheLineNeverReachesTheLastColumn() {
        String name = "checkpoints/epoch-0042/optimizer-state-shard-00017-of-00032.safetensors";

        String line = ProgressBar.format(name, 512 * MIB, GIB, 2 * SECOND, 80);

        assertThat(line).hasSize(79)
                .isEqualTo("...00017-of-00032.safetensors  512.0 MiB / 1.0 GiB   50%  256.0 MiB/s  ETA 0:02");
    }

    @Test
    void beforeAnyTimeHasPassedTheRateIsZeroAndTheEtaUnknown() {
        assertThat(ProgressBar.format("a.bin", 0, 2048, 0, 80)).endsWith("0 B / 2.0 KiB    0%  0.0 MiB/s  ETA --:--");
    }

    @Test
    void anUnknownTotalShowsNoBarPercentOrEta() {
        assertThat(ProgressBar.format("a.bin", 3 * MIB, -1, SECOND, 80)).isEqualTo("a.bin  3.0 MiB  3.0 MiB/s  ETA --:--");
    }

    @Test
    void aNarrowTerminalDropsTheBarThenTheName() {
        assertThat(ProgressBar.format("model.bin", GIB, 4 * GIB, 8 * SECOND, 60))
                .isEqualTo("model.bin  1.0 GiB / 4.0 GiB   25%  128.0 MiB/s  ETA 0:24");
        assertThat(ProgressBar.format("model.bin", GIB, 4 * GIB, 8 * SECOND, 40)).hasSizeLessThan(40)
                .startsWith("1.0 GiB / 4.0 GiB");
    }

    @Test
    void bytesAreShownInBinaryUnits() {
        assertThat(ProgressBar.human(1023)).isEqualTo("1023 B");
        assertThat(ProgressBar.human(1536)).isEqualTo("1.5 KiB");
        assertThat(ProgressBar.human(5 * GIB + 512 * MIB)).isEqualTo("5.5 GiB");
    }

    @Test
    void redrawsAreLimitedToTenASecondAndCloseWipesTheLine() {
        StringWriter written = new StringWriter();
        AtomicLong clock = new AtomicLong(0);
        ProgressBar bar = new ProgressBar(new PrintWriter(written), "a.bin", 60, clock::get);

        bar.progressed(0, 100);
        for (int i = 1; i <= 50; i++) {
            clock.addAndGet(SECOND / 1000);
            bar.progressed(i, 100);
        }
        clock.addAndGet(SECOND / 10);
        bar.progressed(60, 100);
        bar.close();
        bar.progressed(100, 100);

        String[] draws = written.toString().split("\r", -1);
        // "", first draw, the draw after 0.1 s, the wipe, "" after the wipe's closing \r.
        assertThat(draws).hasSize(5);
        assertThat(draws[1]).startsWith("a.bin").contains("0 B / 100 B");
        assertThat(draws[2]).contains("60 B / 100 B", " 60%");
        assertThat(draws[1]).as("padded to cover a longer line before it").hasSize(59);
        assertThat(draws[3]).isBlank().hasSize(59);
        assertThat(draws[4]).isEmpty();
    }

    @Test
    void controlCharactersInANameCannotReachTheTerminal() {
        assertThat(ProgressBar.format("evil\u001b[2J.bin", 1, 2, SECOND, 80)).doesNotContain("\u001b").startsWith("evil?[2J.bin");
    }
}
