package dev.pinnipedjava.cli.command;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations written as Go writes them ({@code 90s}, {@code 1m30s}, {@code 1.5h}, {@code 0}).
 */
final class GoDurationConverter implements ITypeConverter<Duration> {

  private static final Pattern PART = Pattern.compile("(\\d*\\.?\\d*)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "μs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  @Override
  public Duration convert(String value) {
    String text = value.strip();
    boolean negative = text.startsWith("-");
    if (negative || text.startsWith("+")) {
      text = text.substring(1);
    }
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (matcher.find() && matcher.start() == end) {
      String number = matcher.group(1);
      if (number.isEmpty() || number.equals(".")) {
        throw invalid(value);
      }
      nanos =
          nanos.add(
              new BigDecimal(number)
                  .multiply(BigDecimal.valueOf(NANOS_PER_UNIT.getOrDefault(matcher.group(2), 0L))));
      end = matcher.end();
    }
    if (end == 0 || end != text.length()) {
      throw invalid(value);
    }
    Duration duration = Duration.ofNanos(nanos.longValue());
    return negative ? duration.negated() : duration;
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException("invalid duration \"%s\"".formatted(value));
  }
}
