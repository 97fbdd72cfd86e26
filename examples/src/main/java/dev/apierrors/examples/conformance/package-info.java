/** The conformance runner: runs the scripted cases of the project's case format against a local MockWebServer over real HTTP. */
@NullMarked
package dev.apierrors.examples.conformance;

import org.jspecify.annotations.NullMarked;
