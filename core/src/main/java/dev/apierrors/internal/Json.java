package dev.apierrors.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson mapper apierrors uses: bounded nesting and lengths, lenient about
 * unknown properties, and never with polymorphic (default) typing, so a server can't
 * choose which class a body becomes.
 */
public final class Json {
  /** Deeper JSON than this is not parsed as JSON (it is then decoded as text). */
  public static final int MAX_NESTING_DEPTH = 500;

  /** Shared, thread-safe once configured; never reconfigure it. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
  }

  private Json() {}
}
