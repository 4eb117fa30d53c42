package net.webtransport.streams;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Adapters between the WHATWG streams model and {@link java.util.concurrent.Flow}, for Java code
 * that speaks Reactive Streams: a readable stream as a {@link Flow.Publisher} (reads as the
 * subscriber requests) and a writable stream as a {@link Flow.Subscriber} (requests as the writer
 * has room).
 */
public final class Flows {
    private Flows() {
    }

    /** The subscription handed to a subscriber that gets onError at once. */
    private static final Flow.Subscription NOTHING = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    /**
     * A publisher of {@code stream}'s chunks for one subscriber, which holds the stream's lock: each
     * request reads, the end completes the subscriber, an error goes to {@code onError}, and a
     * cancellation cancels the stream; the lock is released once the subscription is over. A second
     * subscriber gets {@code onError} with an {@link IllegalStateException}, and a subscriber to a
     * stream locked elsewhere with a {@link net.webtransport.TypeError}; a non-positive request
     * cancels the stream and ends the subscription with an {@link IllegalArgumentException}.
     *
     * @param <T>    the type of the chunks
     * @param stream the stream to publish; it is locked when the first subscriber subscribes
     * @return the publisher
     */
    public static <T> Flow.Publisher<T> publisher(ReadableStream<T> stream) {
        AtomicBoolean subscribed = new AtomicBoolean();
        return subscriber -> {
            if (!subscribed.compareAndSet(false, true)) {
                subscriber.onSubscribe(NOTHING);
                subscriber.onError(new IllegalStateException("this publisher takes one subscriber"));
                return;
            }
            ReadableStreamDefaultReader<T> reader;
            try {
                reader = stream.getReader();
            } catch (RuntimeException locked) { // Reactive Streams §1.9: failures go to onError, not the caller
                subscriber.onSubscribe(NOTHING);
                subscriber.onError(locked);
                return;
            }
            AtomicLong demand = new AtomicLong();
            AtomicBoolean reading = new AtomicBoolean();
            AtomicBoolean over = new AtomicBoolean();
            Runnable[] pump = new Runnable[1];
            pump[0] = () -> {
                if (over.get() || demand.get() == 0 || !reading.compareAndSet(false, true)) {
                    return;
                }
                reader.read().whenComplete((r, e) -> {
                    reading.set(false);
                    if (over.get()) {
                        return;
                    }
                    if (e != null) {
                        over.set(true);
                        reader.releaseLock();
                        subscriber.onError(Pipes.unwrap(e));
                    } else if (r.done()) {
                        over.set(true);
                        reader.releaseLock();
                        subscriber.onComplete();
                    } else {
                        demand.decrementAndGet();
                        subscriber.onNext(r.value());
                        pump[0].run();
                    }
                });
            };
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    if (n <= 0) {
                        if (over.compareAndSet(false, true)) {
                            IllegalArgumentException bad = new IllegalArgumentException("a request must be positive (Reactive Streams §3.9)");
                            reader.cancel(bad).whenComplete((v, x) -> reader.releaseLock());
                            subscriber.onError(bad);
                        }
                        return;
                    }
                    demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
                    pump[0].run();
                }

                @Override
                public void cancel() {
                    if (over.compareAndSet(false, true)) {
                        reader.cancel(null).whenComplete((v, x) -> reader.releaseLock());
                    }
                }
            });
        };
    }

    /**
     * A subscriber that writes each item to {@code stream} (holding its lock), asking for the next
     * once the writer has room; completion closes the stream, an error aborts it. The returned
     * {@code finished} completes when the stream closed, or fails with the reason it ended.
     *
     * @param <T>      the type of the chunks
     * @param stream   the stream to write to; it is locked at once
     * @param finished completed by the subscriber when the stream closed, or failed with why it did not
     * @return the subscriber
     * @throws net.webtransport.TypeError if the stream is locked already
     */
    public static <T> Flow.Subscriber<T> subscriber(WritableStream<T> stream, CompletableFuture<Void> finished) {
        WritableStreamDefaultWriter<T> writer = stream.getWriter();
        return new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                if (subscription != null) {
                    s.cancel(); // Reactive Streams §2.5: one subscription at a time
                    return;
                }
                subscription = s;
                writer.ready().whenComplete((v, e) -> {
                    if (e != null) {
                        s.cancel(); // the stream errored before anything was asked for
                        finished.completeExceptionally(Pipes.unwrap(e));
                    } else {
                        s.request(1);
                    }
                });
            }

            @Override
            public void onNext(T item) {
                writer.write(item).whenComplete((v, e) -> {
                    if (e != null) {
                        subscription.cancel();
                        finished.completeExceptionally(Pipes.unwrap(e));
                    }
                });
                writer.ready().whenComplete((v, e) -> {
                    if (e == null) {
                        subscription.request(1);
                    }
                });
            }

            @Override
            public void onError(Throwable error) {
                writer.abort(error).whenComplete((v, e) -> finished.completeExceptionally(error));
            }

            @Override
            public void onComplete() {
                writer.close().whenComplete((v, e) -> {
                    if (e != null) {
                        finished.completeExceptionally(Pipes.unwrap(e));
                    } else {
                        finished.complete(null);
                    }
                });
            }
        };
    }
}
