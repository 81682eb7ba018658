// The LMAX Disruptor (Java, Debian's libdisruptor-java 3.4.4) in the same shapes as `./run.sh bench-ring`: our own
// small harness over the library's public API (RingBuffer, BatchEventProcessor, the wait strategies), printing the
// same run lines. Usage: java PeerShapes [1p1c|pipeline|1p3c|3p1c|pingpong|all] [--wait BusySpin|Yielding] [--runs N]
import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

public final class PeerShapes {
    /** The 8-byte value event (one field, preallocated by the ring). */
    static final class ValueEvent {
        long value;
    }

    /** The pipeline's event: two operands in, one result per stage. */
    static final class FunctionEvent {
        long operandOne;
        long operandTwo;
        long stepOneResult;
        long stepTwoResult;
    }

    /** Counts batches (one per endOfBatch) and opens a latch at the last expected sequence. */
    abstract static class CountingHandler<T> implements EventHandler<T> {
        long batches;
        long expected = Long.MAX_VALUE;
        CountDownLatch done = new CountDownLatch(1);

        void reset(long lastSequence) {
            expected = lastSequence;
            batches = 0;
            done = new CountDownLatch(1);
        }

        final void track(long sequence, boolean endOfBatch) {
            if (endOfBatch) {
                batches++;
            }
            if (sequence == expected) {
                done.countDown();
            }
        }
    }

    static final class AdditionHandler extends CountingHandler<ValueEvent> {
        long value;

        @Override
        public void onEvent(ValueEvent event, long sequence, boolean endOfBatch) {
            value += event.value;
            track(sequence, endOfBatch);
        }
    }

    static final class MutationHandler extends CountingHandler<ValueEvent> {
        final int operation;
        long value;

        MutationHandler(int operation) {
            this.operation = operation;
        }

        static long apply(int operation, long accumulator, long v) {
            switch (operation) {
                case 0: return accumulator + v;
                case 1: return accumulator - v;
                default: return accumulator & v;
            }
        }

        @Override
        public void onEvent(ValueEvent event, long sequence, boolean endOfBatch) {
            value = apply(operation, value, event.value);
            track(sequence, endOfBatch);
        }
    }

    static final class StepHandler extends CountingHandler<FunctionEvent> {
        final int step;
        long counter;

        StepHandler(int step) {
            this.step = step;
        }

        @Override
        public void onEvent(FunctionEvent event, long sequence, boolean endOfBatch) {
            switch (step) {
                case 1:
                    event.stepOneResult = event.operandOne + event.operandTwo;
                    break;
                case 2:
                    event.stepTwoResult = event.stepOneResult + 3L;
                    break;
                default:
                    if ((event.stepTwoResult & 4L) == 4L) {
                        counter++;
                    }
                    track(sequence, endOfBatch);
                    break;
            }
        }
    }

    static final class Run {
        final long operations;
        final long nanos;
        final long batches;
        final long batchedEvents;

        Run(long operations, long nanos, long batches, long batchedEvents) {
            this.operations = operations;
            this.nanos = nanos;
            this.batches = batches;
            this.batchedEvents = batchedEvents;
        }

        double opsPerSecond() {
            return operations * 1e9 / nanos;
        }
    }

    static WaitStrategy waitStrategy(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "busyspin": return new BusySpinWaitStrategy();
            case "yielding": return new YieldingWaitStrategy();
            case "sleeping": return new SleepingWaitStrategy();
            case "blocking": return new BlockingWaitStrategy();
            default: throw new IllegalArgumentException("unknown wait strategy " + name);
        }
    }

    static Thread start(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void check(long expected, long actual, String what) {
        if (expected != actual) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
        }
    }

    /** OneToOneSequencedThroughputTest: 64 K ring, 100 M events, one next()/publish() per event, summing handler. */
    static Run oneToOne(String wait, long iterations) throws Exception {
        RingBuffer<ValueEvent> ring = RingBuffer.createSingleProducer(ValueEvent::new, 1024 * 64, waitStrategy(wait));
        AdditionHandler handler = new AdditionHandler();
        BatchEventProcessor<ValueEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler);
        ring.addGatingSequences(processor.getSequence());
        handler.reset(iterations - 1);
        Thread thread = start(processor, "addition");
        while (!processor.isRunning()) {
            Thread.yield();
        }

        long start = System.nanoTime();
        for (long i = 0; i < iterations; i++) {
            long sequence = ring.next();
            ring.get(sequence).value = i;
            ring.publish(sequence);
        }
        handler.done.await();
        long nanos = System.nanoTime() - start;
        processor.halt();
        thread.join();
        check(iterations * (iterations - 1) / 2, handler.value, "sum");
        return new Run(iterations, nanos, handler.batches, iterations);
    }

    /** OneToThreePipelineSequencedThroughputTest: P1 -> EP1 -> EP2 -> EP3, 8 K ring, 100 M events. */
    static Run pipeline(String wait, long iterations) throws Exception {
        long expected = 0;
        long operand = 777L;
        for (long i = 0; i < iterations; i++) {
            if (((i + operand-- + 3L) & 4L) == 4L) {
                expected++;
            }
        }

        RingBuffer<FunctionEvent> ring = RingBuffer.createSingleProducer(FunctionEvent::new, 1024 * 8, waitStrategy(wait));
        StepHandler one = new StepHandler(1);
        StepHandler two = new StepHandler(2);
        StepHandler three = new StepHandler(3);
        BatchEventProcessor<FunctionEvent> p1 = new BatchEventProcessor<>(ring, ring.newBarrier(), one);
        BatchEventProcessor<FunctionEvent> p2 = new BatchEventProcessor<>(ring, ring.newBarrier(p1.getSequence()), two);
        BatchEventProcessor<FunctionEvent> p3 = new BatchEventProcessor<>(ring, ring.newBarrier(p2.getSequence()), three);
        ring.addGatingSequences(p3.getSequence());
        three.reset(iterations - 1);
        Thread t1 = start(p1, "one");
        Thread t2 = start(p2, "two");
        Thread t3 = start(p3, "three");
        while (!p1.isRunning() || !p2.isRunning() || !p3.isRunning()) {
            Thread.yield();
        }

        long operandTwo = 777L;
        long start = System.nanoTime();
        for (long i = 0; i < iterations; i++) {
            long sequence = ring.next();
            FunctionEvent event = ring.get(sequence);
            event.operandOne = i;
            event.operandTwo = operandTwo--;
            ring.publish(sequence);
        }
        three.done.await();
        long nanos = System.nanoTime() - start;
        p1.halt();
        p2.halt();
        p3.halt();
        t1.join();
        t2.join();
        t3.join();
        check(expected, three.counter, "step three counter");
        return new Run(iterations, nanos, three.batches, iterations);
    }

    /** OneToThreeSequencedThroughputTest: one producer multicasting to three consumers, 8 K ring, 100 M events. */
    static Run oneToThree(String wait, long iterations) throws Exception {
        long[] expected = new long[3];
        for (long i = 0; i < iterations; i++) {
            for (int k = 0; k < 3; k++) {
                expected[k] = MutationHandler.apply(k, expected[k], i);
            }
        }

        RingBuffer<ValueEvent> ring = RingBuffer.createSingleProducer(ValueEvent::new, 1024 * 8, waitStrategy(wait));
        MutationHandler[] handlers = new MutationHandler[3];
        List<BatchEventProcessor<ValueEvent>> processors = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            handlers[k] = new MutationHandler(k);
            handlers[k].reset(iterations - 1);
            BatchEventProcessor<ValueEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handlers[k]);
            ring.addGatingSequences(processor.getSequence());
            processors.add(processor);
        }
        for (BatchEventProcessor<ValueEvent> processor : processors) {
            threads.add(start(processor, "ep"));
            while (!processor.isRunning()) {
                Thread.yield();
            }
        }

        long start = System.nanoTime();
        for (long i = 0; i < iterations; i++) {
            long sequence = ring.next();
            ring.get(sequence).value = i;
            ring.publish(sequence);
        }
        long batches = 0;
        for (MutationHandler handler : handlers) {
            handler.done.await();
            batches += handler.batches;
        }
        long nanos = System.nanoTime() - start;
        for (BatchEventProcessor<ValueEvent> processor : processors) {
            processor.halt();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (int k = 0; k < 3; k++) {
            check(expected[k], handlers[k].value, "result " + k);
        }
        return new Run(3 * iterations, nanos, batches, 3 * iterations);
    }

    /** ThreeToOneSequencedThroughputTest: three publishers, multi-producer 64 K ring, one consumer, 20 M events. */
    static Run threeToOne(String wait, long iterations) throws Exception {
        RingBuffer<ValueEvent> ring = RingBuffer.createMultiProducer(ValueEvent::new, 1024 * 64, waitStrategy(wait));
        AdditionHandler handler = new AdditionHandler();
        BatchEventProcessor<ValueEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler);
        ring.addGatingSequences(processor.getSequence());
        long perPublisher = iterations / 3;
        handler.reset(perPublisher * 3 - 1);
        Thread consumer = start(processor, "addition");
        while (!processor.isRunning()) {
            Thread.yield();
        }

        CyclicBarrier startLine = new CyclicBarrier(4);
        Thread[] publishers = new Thread[3];
        for (int p = 0; p < 3; p++) {
            publishers[p] = start(() -> {
                try {
                    startLine.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (long i = 0; i < perPublisher; i++) {
                    long sequence = ring.next();
                    ring.get(sequence).value = i;
                    ring.publish(sequence);
                }
            }, "publisher-" + p);
        }

        long start = System.nanoTime();
        startLine.await();
        for (Thread publisher : publishers) {
            publisher.join();
        }
        handler.done.await();
        long nanos = System.nanoTime() - start;
        processor.halt();
        consumer.join();
        check(3 * (perPublisher * (perPublisher - 1) / 2), handler.value, "sum");
        return new Run(perPublisher * 3, nanos, handler.batches, perPublisher * 3);
    }

    /** PingPongSequencedLatencyTest: 1 K rings, 3 M round trips, 1 us pause, expected-interval correction. */
    static Histogram pingPong(String wait, long iterations) throws Exception {
        final long pauseNanos = 1000;
        RingBuffer<ValueEvent> ping = RingBuffer.createSingleProducer(ValueEvent::new, 1024, waitStrategy(wait));
        RingBuffer<ValueEvent> pong = RingBuffer.createSingleProducer(ValueEvent::new, 1024, waitStrategy(wait));
        Histogram histogram = new Histogram(10_000_000_000L, 4);
        CountDownLatch done = new CountDownLatch(1);
        final long[] state = new long[2]; // [0] sent at (ns), [1] counter
        EventHandler<ValueEvent> pinger = (event, sequence, endOfBatch) -> {
            long now = System.nanoTime();
            histogram.recordValueWithExpectedInterval(now - state[0], pauseNanos);
            if (event.value < iterations) {
                while (System.nanoTime() - now < pauseNanos) {
                    Thread.yield();
                }
                state[0] = System.nanoTime();
                long next = ping.next();
                ping.get(next).value = state[1]++;
                ping.publish(next);
            } else {
                done.countDown();
            }
        };
        EventHandler<ValueEvent> ponger = (event, sequence, endOfBatch) -> {
            long next = pong.next();
            pong.get(next).value = event.value;
            pong.publish(next);
        };
        BatchEventProcessor<ValueEvent> pingProcessor = new BatchEventProcessor<>(pong, pong.newBarrier(), pinger);
        BatchEventProcessor<ValueEvent> pongProcessor = new BatchEventProcessor<>(ping, ping.newBarrier(), ponger);
        ping.addGatingSequences(pongProcessor.getSequence());
        pong.addGatingSequences(pingProcessor.getSequence());
        Thread t1 = start(pingProcessor, "pinger");
        Thread t2 = start(pongProcessor, "ponger");
        while (!pingProcessor.isRunning() || !pongProcessor.isRunning()) {
            Thread.yield();
        }
        Thread.sleep(1000);
        state[0] = System.nanoTime();
        long first = ping.next();
        ping.get(first).value = state[1]++;
        ping.publish(first);
        done.await();
        pingProcessor.halt();
        pongProcessor.halt();
        t1.join();
        t2.join();
        return histogram;
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public static void main(String[] args) throws Exception {
        String shape = "all";
        String wait = null;
        int runs = 7;
        long iterations = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--wait": wait = args[++i]; break;
                case "--runs": runs = Integer.parseInt(args[++i]); break;
                case "--iterations": iterations = Long.parseLong(args[++i]); break;
                default: shape = args[i]; break;
            }
        }

        String[] shapes = shape.equals("all") ? new String[] {"1p1c", "pipeline", "1p3c", "3p1c", "pingpong"} : new String[] {shape};
        for (String name : shapes) {
            if (name.equals("pingpong")) {
                String w = wait != null ? wait : "BusySpin";
                long n = iterations > 0 ? iterations : 100L * 1000 * 30;
                System.out.format(Locale.ROOT, "Starting latency tests: PingPongSequencedLatencyTest, LMAX Disruptor 3.4.4 (Java %s, %s), %,d round trips, %d runs%n",
                        System.getProperty("java.version"), w, n, runs);
                List<Double> p50 = new ArrayList<>();
                List<Double> p99 = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    System.gc();
                    Histogram h = pingPong(w, n);
                    p50.add((double) h.getValueAtPercentile(50));
                    p99.add((double) h.getValueAtPercentile(99));
                    System.out.format(Locale.ROOT, "Run %d, round trip (ns): mean=%,.0f p50=%,d p90=%,d p99=%,d p99.9=%,d p99.99=%,d max=%,d count=%,d%n",
                            r, h.getMean(), h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                            h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99), h.getMaxValue(), h.getTotalCount());
                }
                Collections.sort(p50);
                Collections.sort(p99);
                System.out.format(Locale.ROOT, "Median PingPongSequencedLatencyTest %s: p50 %,.0f ns (min %,.0f, max %,.0f), p99 %,.0f ns (min %,.0f, max %,.0f), %d runs%n%n",
                        w, median(p50), p50.get(0), p50.get(runs - 1), median(p99), p99.get(0), p99.get(runs - 1), runs);
                continue;
            }

            String testName;
            String w;
            long n;
            switch (name) {
                case "1p1c": testName = "OneToOneSequencedThroughputTest"; w = wait != null ? wait : "Yielding"; n = 100_000_000L; break;
                case "pipeline": testName = "OneToThreePipelineSequencedThroughputTest"; w = wait != null ? wait : "Yielding"; n = 100_000_000L; break;
                case "1p3c": testName = "OneToThreeSequencedThroughputTest"; w = wait != null ? wait : "Yielding"; n = 100_000_000L; break;
                case "3p1c": testName = "ThreeToOneSequencedThroughputTest"; w = wait != null ? wait : "BusySpin"; n = 20_000_000L; break;
                default: System.err.println("unknown shape " + name); System.exit(2); return;
            }
            if (iterations > 0) {
                n = iterations;
            }

            System.out.format(Locale.ROOT, "Starting throughput tests: %s, LMAX Disruptor 3.4.4 (Java %s, %s), %,d events, %d runs%n",
                    testName, System.getProperty("java.version"), w, n, runs);
            List<Double> results = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                System.gc();
                Run run;
                switch (name) {
                    case "1p1c": run = oneToOne(w, n); break;
                    case "pipeline": run = pipeline(w, n); break;
                    case "1p3c": run = oneToThree(w, n); break;
                    default: run = threeToOne(w, n); break;
                }
                results.add(run.opsPerSecond());
                double batchPercent = run.batches == 0 ? 0 : 100.0 * run.batches / run.batchedEvents;
                long averageBatch = run.batches == 0 ? -1 : run.batchedEvents / run.batches;
                System.out.format(Locale.ROOT, "Run %d, Disruptor=%,.0f ops/sec BatchPercent=%.2f%% AverageBatchSize=%,d%n",
                        r, run.opsPerSecond(), batchPercent, averageBatch);
            }
            Collections.sort(results);
            System.out.format(Locale.ROOT, "Median %s %s: %,.0f ops/sec (min %,.0f, max %,.0f, %d runs)%n%n",
                    testName, w, median(results), results.get(0), results.get(runs - 1), runs);
        }
    }
}
