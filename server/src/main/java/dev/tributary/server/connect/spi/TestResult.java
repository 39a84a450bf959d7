package dev.tributary.server.connect.spi;

/** The outcome of {@link Connector#test()}. */
public sealed interface TestResult {

    record Passed(String summary) implements TestResult {}

    /** @param message what is wrong and what to change, in words; never a secret */
    record Failed(Problem problem, String message) implements TestResult {}

    enum Problem { WRONG_CREDENTIALS, HOST_UNREACHABLE, DATABASE_MISSING, TLS_REQUIRED, TLS_UNAVAILABLE, PERMISSION_DENIED, OTHER }
}
