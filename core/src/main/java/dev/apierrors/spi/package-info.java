/**
 * Extension points of apierrors, separate from what application code uses: the
 * transport-neutral response view ({@link dev.apierrors.spi.ResponseView},
 * {@link dev.apierrors.spi.HttpHeaders}, {@link dev.apierrors.spi.BoundedBody}) for
 * adapting another HTTP client, custom error formats ({@link dev.apierrors.spi.ErrorFormat},
 * {@link dev.apierrors.spi.ErrorBody}, {@link dev.apierrors.spi.ErrorFields}), and the
 * retry bookkeeping an adapter drives ({@link dev.apierrors.spi.RetrySession}).
 *
 * <p>Everything here is non-null unless annotated otherwise.
 */
@NullMarked
package dev.apierrors.spi;

import org.jspecify.annotations.NullMarked;
