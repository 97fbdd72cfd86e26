/**
 * The built-in error-body formats, one class per row of the README's decoding table,
 * tried in the order of {@link dev.apierrors.internal.format.BuiltInFormats#ALL}. Each
 * says only what is specific to it; the common field rules (code, errors, extensions,
 * headers) are applied by the pipeline after the format.
 */
@NullMarked
package dev.apierrors.internal.format;

import org.jspecify.annotations.NullMarked;
