/** Coverage-guided fuzz tests (Jazzer) of the decoder. */
@NullMarked
package dev.apierrors.fuzz;

import org.jspecify.annotations.NullMarked;
