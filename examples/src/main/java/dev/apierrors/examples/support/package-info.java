/** Plumbing shared by the commands: a TCP_NODELAY server socket factory and prompt shutdown of OkHttp clients. */
@NullMarked
package dev.apierrors.examples.support;

import org.jspecify.annotations.NullMarked;
