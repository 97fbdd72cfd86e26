/** Runnable examples of apierrors: the demo, the {@code decode} tool and the conformance runner, in one jar (see {@link dev.apierrors.examples.Main}). */
@NullMarked
package dev.apierrors.examples;

import org.jspecify.annotations.NullMarked;
