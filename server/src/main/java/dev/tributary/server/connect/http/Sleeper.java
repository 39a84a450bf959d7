package dev.tributary.server.connect.http;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the waits instead of taking them. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
