package dev.pinnipedjava.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.TypeConversionException;

class GoDurationConverterTest {

  record Case(String name, String text, @Nullable Duration want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("zero", "0", Duration.ZERO),
        new Case("seconds", "30s", Duration.ofSeconds(30)),
        new Case("compound", "1h2m3s", Duration.ofSeconds(3723)),
        new Case("fraction", "1.5h", Duration.ofMinutes(90)),
        new Case("milliseconds", "300ms", Duration.ofMillis(300)),
        new Case("micro sign", "5µs", Duration.ofNanos(5000)),
        new Case("negative", "-2m", Duration.ofMinutes(-2)),
        new Case("no unit", "30", null),
        new Case("unknown unit", "3d", null),
        new Case("empty", "", null),
        new Case("dot only", ".s", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesLikeGo(Case c) {
    GoDurationConverter converter = new GoDurationConverter();
    if (c.want() == null) {
      assertThatThrownBy(() -> converter.convert(c.text()))
          .isInstanceOf(TypeConversionException.class)
          .hasMessage("invalid duration \"%s\"".formatted(c.text()));
    } else {
      assertThat(converter.convert(c.text())).isEqualTo(c.want());
    }
  }
}
