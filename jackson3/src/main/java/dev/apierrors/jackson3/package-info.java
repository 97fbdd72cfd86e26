/**
 * The Jackson 3 ({@code tools.jackson}) {@link dev.apierrors.spi.ValueConverter}:
 * {@link dev.apierrors.jackson3.Jackson3ValueConverter}.
 *
 * <p>Everything here is non-null unless annotated otherwise.
 */
@NullMarked
package dev.apierrors.jackson3;

import org.jspecify.annotations.NullMarked;
