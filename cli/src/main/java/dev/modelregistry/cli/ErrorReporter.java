package dev.modelregistry.cli;

import dev.modelregistry.client.ArtifactIntegrityException;
import dev.modelregistry.client.ProblemException;
import dev.modelregistry.client.RegistryUnreachableException;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.core.error.RegistryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Turns failures into one {@code error: ...} report on stderr and an exit code a script can branch on:
 * 2 when the request was refused (bad usage or a 4xx), 3 when the registry could not answer (unreachable, 5xx) or
 * sent bytes that failed verification, 4 when a local file could not be read or written. Where the fix is ours
 * to name (no token, the wrong URL), a {@code hint:} line names it.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int REFUSED = 2;
    static final int UNAVAILABLE = 3;
    static final int LOCAL_FILE = 4;

    @Override
    public int handleExecutionException(Exception failure, CommandLine verb, ParseResult parsed) throws Exception {
        PrintWriter err = verb.getErr();
        int exitCode = switch (failure) {
            case ProblemException problem -> problem(err, verb, problem);
            case RegistryUnreachableException unreachable -> {
                err.println("error: " + unreachable.getMessage());
                err.println(ConnectionHints.url(verb));
                yield UNAVAILABLE;
            }
            case ArtifactIntegrityException corrupt -> {
                err.println("error: verification failed: " + corrupt.getMessage());
                yield UNAVAILABLE;
            }
            case UncheckedIOException local -> {
                err.println("error: " + local.getMessage());
                yield LOCAL_FILE;
            }
            case RegistryException refused -> {
                err.println("error: " + refused.code().title() + ": " + refused.getMessage());
                printFieldErrors(err, refused);
                yield refused.code().status() >= 500 ? UNAVAILABLE : REFUSED;
            }
            case IllegalArgumentException unusable -> {
                // The client refuses names it cannot put in a URL ("..", an empty name) before sending anything.
                err.println("error: " + unusable.getMessage());
                yield REFUSED;
            }
            default -> throw failure;
        };
        err.flush();
        return exitCode;
    }

    /** The registry's refusal (4xx: 2) or failure (5xx: 3): its field errors, request id and, after a 401, a hint. */
    private static int problem(PrintWriter err, CommandLine verb, ProblemException problem) {
        err.println("error: " + problem.title() + ": " + problem.detail());
        printFieldErrors(err, problem);
        if (problem.requestId() != null) {
            err.println("  request id: " + problem.requestId());
        }
        if (problem.code() == ErrorCode.UNAUTHENTICATED) {
            err.println(ConnectionHints.token(verb));
        }
        return problem.isClientError() ? REFUSED : UNAVAILABLE;
    }

    /** Usage errors, from parsing or raised by a verb about its own input (bad JSON, a flag out of range). */
    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine verb = failure.getCommandLine();
        PrintWriter err = verb.getErr();
        err.println("error: " + failure.getMessage());
        UnmatchedArgumentException.printSuggestions(failure, err);
        err.println("Try '" + verb.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return REFUSED;
    }

    private static void printFieldErrors(PrintWriter err, RegistryException failure) {
        for (FieldError field : failure.errors()) {
            err.println("  " + field.field() + ": " + field.message());
        }
    }
}
