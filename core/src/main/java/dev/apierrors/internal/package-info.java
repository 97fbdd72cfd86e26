/**
 * Implementation details of apierrors-core. Not exported by module-info and not
 * part of the API: anything here may change in any release.
 */
@NullMarked
package dev.apierrors.internal;

import org.jspecify.annotations.NullMarked;
