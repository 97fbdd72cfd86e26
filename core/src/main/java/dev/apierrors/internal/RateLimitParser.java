package dev.apierrors.internal;

import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.RateLimit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the rate-limit state a response announced, from the first header family present
 * (a family is present when any of its headers is):
 *
 * <ol>
 *   <li>IETF {@code RateLimit} / {@code RateLimit-Policy} (draft-ietf-httpapi-ratelimit-headers,
 *       structured fields): {@code RateLimit: "default";r=0;t=30} gives remaining
 *       ({@code r}) and reset ({@code t}); the policy of the same name (else the first
 *       policy) gives the limit ({@code q}, or a bare integer item as in older drafts).
 *       The older single-header form {@code RateLimit: limit=100, remaining=0, reset=30}
 *       is read too.
 *   <li>{@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset}.
 *   <li>{@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset}.
 * </ol>
 *
 * <p>A number is the first one in the value ({@code "100, 100;w=60"} gives 100), and
 * must be followed by the end, a comma, a semicolon or whitespace; a member that is not
 * such a number is absent. Reset values are delta-seconds below 10^9, epoch seconds
 * below 10^12 and epoch milliseconds from there (a fraction is kept to the
 * millisecond); epochs are measured from the response's valid {@code Date} header,
 * else from {@code now}, and one in the past gives 0. Huge values saturate. Never
 * throws. Thread-safety: stateless.
 */
public final class RateLimitParser {
  private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
  private static final long EPOCH_MILLIS_FROM = 1_000_000_000_000L;
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

  /** Values longer than this are cut before parsing; no real header comes close. */
  private static final int MAX_LENGTH = 4096;

  /** A leading number, optionally with a fraction, ended by end/comma/semicolon/space. */
  private static final Pattern LEADING_NUMBER = Pattern.compile("(\\d+)(\\.\\d+)?(?=$|[,;\\s])");

  /** {@code limit=..}, {@code remaining=..} or {@code reset=..}: the older single-header draft. */
  private static final Pattern DRAFT_MEMBER =
      Pattern.compile("(?i)\\s*(limit|remaining|reset)\\s*=\\s*([^,;]*)");

  private RateLimitParser() {}

  /** The announced rate-limit state, or empty when no family's header is present. */
  public static Optional<RateLimit> parse(HttpHeaders headers, Instant now) {
    return parse(headers, Now.of(now));
  }

  /** As {@link #parse(HttpHeaders, Instant)}; {@code now} is read only for an epoch reset. */
  public static Optional<RateLimit> parse(HttpHeaders headers, Now now) {
    if (RATE_LIMIT.in(headers) || RATE_LIMIT_POLICY.in(headers)) {
      return Optional.of(structured(headers, now));
    }
    for (int i = 0; i < FAMILIES.size(); i++) { // indexed: no iterator per error
      Family f = FAMILIES.get(i);
      if (f.limit.in(headers) || f.remaining.in(headers) || f.reset.in(headers)) {
        return Optional.of(
            RateLimit.of(
                count(f.limit.firstValue(headers)),
                count(f.remaining.firstValue(headers)),
                reset(f.reset.firstValue(headers), headers, now)));
      }
    }
    return Optional.empty();
  }

  /** The names of one family of separate rate-limit fields, built once (every error looks them up). */
  private record Family(HeaderName limit, HeaderName remaining, HeaderName reset) {
    static Family of(String prefix) {
      return new Family(HeaderName.of(prefix + "Limit"), HeaderName.of(prefix + "Remaining"),
          HeaderName.of(prefix + "Reset"));
    }
  }

  private static final HeaderName RATE_LIMIT = HeaderName.of("RateLimit");
  private static final HeaderName RATE_LIMIT_POLICY = HeaderName.of("RateLimit-Policy");

  private static final List<Family> FAMILIES = List.of(Family.of("RateLimit-"), Family.of("X-RateLimit-"));

  private static RateLimit structured(HttpHeaders headers, Now now) {
    String rateLimit = cut(String.join(", ", RATE_LIMIT.allValues(headers)));
    List<Item> items = items(rateLimit);
    Map<String, String> draft = draftMembers(items);
    if (!draft.isEmpty()) {
      return RateLimit.of(
          count(Optional.ofNullable(draft.get("limit"))),
          count(Optional.ofNullable(draft.get("remaining"))),
          reset(Optional.ofNullable(draft.get("reset")), headers, now));
    }
    Item first = items.isEmpty() ? null : items.get(0);
    OptionalLong remaining = OptionalLong.empty();
    OptionalLong reset = OptionalLong.empty();
    if (first != null) {
      remaining = count(Optional.ofNullable(first.params.get("r")));
      reset = reset(Optional.ofNullable(first.params.get("t")), headers, now);
    }
    List<Item> policies = items(cut(String.join(", ", RATE_LIMIT_POLICY.allValues(headers))));
    Item policy = policies.isEmpty() ? null : policies.get(0);
    if (first != null) {
      for (Item candidate : policies) {
        if (candidate.name.equals(first.name)) {
          policy = candidate;
          break;
        }
      }
    }
    OptionalLong limit = OptionalLong.empty();
    if (policy != null) {
      String q = policy.params.get("q");
      limit = count(Optional.ofNullable(q != null ? q : policy.name));
    }
    return RateLimit.of(limit, remaining, reset);
  }

  /**
   * The older draft's members, when the header is in that form: items whose text is
   * {@code limit=..}, {@code remaining=..} or {@code reset=..}.
   */
  private static Map<String, String> draftMembers(List<Item> items) {
    Map<String, String> members = new LinkedHashMap<>();
    for (Item item : items) {
      Matcher m = DRAFT_MEMBER.matcher(item.raw);
      if (m.lookingAt()) {
        members.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), m.group(2).strip());
      }
    }
    return members;
  }

  /** One list member of a structured field: its bare item (unquoted) and its parameters. */
  private record Item(String raw, String name, Map<String, String> params) {}

  /**
   * A forgiving reading of an RFC 9651 list: members split on commas outside quotes,
   * parameters on semicolons; a quoted string is unquoted.
   */
  private static List<Item> items(String value) {
    List<Item> items = new ArrayList<>();
    for (String member : splitOutsideQuotes(value, ',')) {
      if (member.isBlank()) {
        continue;
      }
      List<String> parts = splitOutsideQuotes(member, ';');
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 1; i < parts.size(); i++) {
        String part = parts.get(i);
        int eq = part.indexOf('=');
        String key = (eq < 0 ? part : part.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
        String val = eq < 0 ? "" : unquote(part.substring(eq + 1).strip());
        if (!key.isEmpty()) {
          params.putIfAbsent(key, val);
        }
      }
      items.add(new Item(member, unquote(parts.get(0).strip()), params));
    }
    return items;
  }

  private static List<String> splitOutsideQuotes(String s, char separator) {
    List<String> parts = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == separator) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }

  private static String unquote(String s) {
    if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() - 1) {
        c = s.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static String cut(String value) {
    return value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
  }

  /** A count (limit, remaining): the leading whole number, saturating. */
  private static OptionalLong count(Optional<String> value) {
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    Matcher m = LEADING_NUMBER.matcher(cut(value.get().strip()));
    if (!m.lookingAt() || m.group(2) != null) {
      return OptionalLong.empty();
    }
    return HeaderNumbers.parseDigits(m.group(1));
  }

  /** A reset value in milliseconds from the response, interpreted by magnitude. */
  private static OptionalLong reset(Optional<String> value, HttpHeaders headers, Now now) {
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    Matcher m = LEADING_NUMBER.matcher(cut(value.get().strip()));
    if (!m.lookingAt()) {
      return OptionalLong.empty();
    }
    long whole = HeaderNumbers.parseDigits(m.group(1)).orElse(Long.MAX_VALUE);
    BigDecimal number = new BigDecimal(m.group(2) == null ? m.group(1) : m.group(1) + m.group(2));
    if (whole < EPOCH_SECONDS_FROM) {
      return OptionalLong.of(toMillis(number.multiply(THOUSAND)));
    }
    long epochMillis = whole < EPOCH_MILLIS_FROM ? toMillis(number.multiply(THOUSAND)) : toMillis(number);
    return OptionalLong.of(HeaderNumbers.millisUntil(epochMillis, HeaderNumbers.base(headers, now.get())));
  }

  private static long toMillis(BigDecimal millis) {
    BigDecimal rounded = millis.setScale(0, RoundingMode.HALF_UP);
    return rounded.compareTo(MAX_LONG) > 0 ? Long.MAX_VALUE : rounded.longValueExact();
  }
}
