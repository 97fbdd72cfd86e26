/**
 * apierrors on OkHttp: {@link dev.apierrors.okhttp.ApiErrorsInterceptor} for calls made
 * with {@code execute()} or {@code enqueue()} (and Retrofit), and
 * {@link dev.apierrors.okhttp.AsyncCaller} for a {@link java.util.concurrent.CompletableFuture}
 * path.
 *
 * <p>Only API common to OkHttp 4.12 and 5.x is used, so either may be on the class path.
 * Everything here is non-null unless annotated otherwise.
 */
@NullMarked
package dev.apierrors.okhttp;

import org.jspecify.annotations.NullMarked;
