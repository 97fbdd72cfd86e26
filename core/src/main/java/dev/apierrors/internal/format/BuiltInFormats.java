package dev.apierrors.internal.format;

import dev.apierrors.spi.ErrorFormat;
import java.util.List;

/**
 * The built-in formats in the order of the README's decoding table, one per
 * {@link dev.apierrors.BuiltInFormat} constant; the last always matches.
 */
public final class BuiltInFormats {
  /** Rows 1 to 13 of the decoding table, in order (5a after 5, 11a after 11). */
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

  private BuiltInFormats() {}
}
