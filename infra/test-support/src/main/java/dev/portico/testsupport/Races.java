package dev.portico.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Runs calls on a thread each, all released at once, so that they really race; answers in the calls' order. */
public final class Races {
    private Races() {
    }

    /** Makes {@code n} calls, the i-th given by {@code call.apply(i)}, all released at once. */
    public static <T> List<T> inParallel(int n, IntFunction<Callable<T>> call) {
        return inParallel(IntStream.range(0, n).mapToObj(call).toList());
    }

    public static <T> List<T> inParallel(List<? extends Callable<T>> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>(calls.size());
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>(calls.size());
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
