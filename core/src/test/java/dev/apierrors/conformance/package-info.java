/** Runs the conformance corpus of the test resources against the decoder. */
@NullMarked
package dev.apierrors.conformance;

import org.jspecify.annotations.NullMarked;
