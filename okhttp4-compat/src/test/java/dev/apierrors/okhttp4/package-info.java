/** Tests of the OkHttp adapter running on OkHttp 4.12. */
@NullMarked
package dev.apierrors.okhttp4;

import org.jspecify.annotations.NullMarked;
