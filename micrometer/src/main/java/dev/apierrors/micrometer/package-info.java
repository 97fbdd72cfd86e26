/**
 * Micrometer metrics for apierrors: {@link dev.apierrors.micrometer.ApiErrorsMetrics}.
 *
 * <p>Everything here is non-null unless annotated otherwise.
 */
@NullMarked
package dev.apierrors.micrometer;

import org.jspecify.annotations.NullMarked;
