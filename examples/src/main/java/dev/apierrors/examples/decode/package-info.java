/** The {@code decode} command: reads a raw HTTP response as {@code curl -i} prints it and shows how the SDK decodes it and what the retry policy would do. */
@NullMarked
package dev.apierrors.examples.decode;

import org.jspecify.annotations.NullMarked;
