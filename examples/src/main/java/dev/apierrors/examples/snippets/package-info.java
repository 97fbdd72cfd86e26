/** Small, self-contained examples to copy: each class has a {@code main} and a few lines of SDK use. */
@NullMarked
package dev.apierrors.examples.snippets;

import org.jspecify.annotations.NullMarked;
