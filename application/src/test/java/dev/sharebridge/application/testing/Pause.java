package dev.sharebridge.application.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One point where a thread under test stops until the test lets it go on: {@link #reached} tells
 * the test it got there, {@link #release} lets it continue. Latches, not sleeps: the order of the
 * steps is forced, whatever the machine's speed. The waits are bounded only so that a broken test
 * fails instead of hanging the build.
 */
public final class Pause implements FakePasswordHasher.Gate {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** Called by the thread under test; only the first caller stops. */
    @Override
    public void pass() throws InterruptedException {
        if (reached.getCount() == 0) {
            return;
        }
        reached.countDown();
        if (!released.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the test never released the pause");
        }
    }

    /** Waits until the thread under test is at the pause. */
    public void awaitReached() throws InterruptedException {
        if (!reached.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the thread under test never reached the pause");
        }
    }

    public void release() {
        released.countDown();
    }
}
