package dev.apierrors.internal.format;

import dev.apierrors.BuiltInFormat;

import dev.apierrors.spi.ErrorFormat;
import java.util.List;

/**
 * The built-in formats in the order of the README's decoding table, one per
 * {@link dev.apierrors.BuiltInFormat} constant; the last always matches.
 */
public final class BuiltInFormats {
  /** Rows 1 to 13 of docs/specification.md §4, in order (5a after 5, 11a after 11). */
  public static final List<ErrorFormat> ALL =
      List.of(
          new EmptyFormat(),
          new ProblemJsonFormat(),
          new ProblemXmlFormat(),
          new StatusErrorFormat(),
          new OAuthErrorFormat(),
          new ErrorTextFormat(),
          new MessageDescriptionFormat(),
          new CodeMessageFormat(),
          new ErrorsArrayFormat(),
          new NestedErrorFormat(),
          new MessageMemberFormat(),
          new JsonValueFormat(),
          new XmlErrorFormat(),
          new HtmlFormat(),
          new PlainTextFormat());

  /**
   * The constant of each of {@link #ALL}, at the same index: what matched is known without
   * looking its name up (every error asks).
   */
  public static final List<BuiltInFormat> CONSTANTS = ALL.stream()
      .map(format -> BuiltInFormat.fromWireName(format.name()).orElseThrow())
      .toList();

  private BuiltInFormats() {}
}
