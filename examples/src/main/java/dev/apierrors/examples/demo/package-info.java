/** The demo: a few screens against an embedded MockWebServer showing decoding, typed catch blocks, retry and the non-blocking path. */
@NullMarked
package dev.apierrors.examples.demo;

import org.jspecify.annotations.NullMarked;
