/**
 * The public API of apierrors: the transport-neutral {@link dev.apierrors.spi.ResponseView},
 * the {@link dev.apierrors.ErrorDecoder}, the immutable {@link dev.apierrors.ApiError}
 * value, the {@link dev.apierrors.ApiException} hierarchy and the retry policy.
 *
 * <p>Everything here is non-null unless annotated otherwise; absent values are
 * {@link java.util.Optional}s.
 */
@NullMarked
package dev.apierrors;

import dev.apierrors.spi.ResponseView;

import org.jspecify.annotations.NullMarked;
