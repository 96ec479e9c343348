package dev.pinnipedjava.cli.kubejson;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Mappers configured like Kubernetes' Go serialization: timestamps are RFC 3339 in UTC with whole
 * seconds ({@code metav1.Time}), absent values are omitted, unknown fields are ignored, and YAML
 * keys are sorted (sigs.k8s.io/yaml goes through a map). Each mapper is built on first use, since
 * the CLI's start-up time matters.
 */
public final class KubeJson {

  private KubeJson() {}

  /** Compact JSON, as Go's {@code json.Marshal} writes it. */
  public static ObjectMapper json() {
    return JsonHolder.MAPPER;
  }

  /** Indented JSON, as Kubernetes' pretty JSON serializer writes it. */
  public static ObjectWriter prettyJson() {
    return JsonHolder.PRETTY;
  }

  /** A YAML reader (timestamps and unknown fields handled as in {@link #json()}). */
  public static ObjectMapper yaml() {
    return YamlHolder.MAPPER;
  }

  /**
   * YAML for files that programs read back: every string is quoted and the keys of every mapping
   * are sorted. Like sigs.k8s.io/yaml, the value first becomes its JSON tree, so JSON property
   * order and inclusion rules apply and then the keys are sorted.
   */
  public static String writeYaml(Object value) throws JsonProcessingException {
    return YamlHolder.MAPPER.writeValueAsString(jsonTree(value));
  }

  /** YAML for people: strings are quoted only where YAML needs it, keys are sorted. */
  public static String writeDisplayYaml(Object value) throws JsonProcessingException {
    return DisplayYamlHolder.MAPPER.writeValueAsString(jsonTree(value));
  }

  private static @Nullable Object jsonTree(Object value) {
    return json().convertValue(value, Object.class);
  }

  /**
   * Formats a timestamp as Kubernetes does: UTC, whole seconds, for example 2020-10-20T18:42:07Z.
   */
  public static String formatTimestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Parses an RFC 3339 timestamp with any offset and optional fractional seconds.
   *
   * @throws DateTimeParseException when the text is not RFC 3339
   */
  public static Instant parseTimestamp(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }

  private static <M extends ObjectMapper> M configure(M mapper) {
    mapper.registerModule(
        new SimpleModule("kubernetes-timestamps")
            .addSerializer(Instant.class, new TimestampSerializer())
            .addDeserializer(Instant.class, new TimestampDeserializer()));
    // Null properties are left out; null map values (a tree that kept an explicit null) stay.
    mapper.setDefaultPropertyInclusion(
        JsonInclude.Value.construct(
            JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS));
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    return mapper;
  }

  private static final class JsonHolder {
    static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());
    static final ObjectWriter PRETTY =
        MAPPER.writer(
            new DefaultPrettyPrinter()
                .withSeparators(
                    Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n")));
  }

  private static final class YamlHolder {
    static final ObjectMapper MAPPER = configure(yamlMapper(false));
  }

  private static final class DisplayYamlHolder {
    static final ObjectMapper MAPPER = configure(yamlMapper(true));
  }

  private static YAMLMapper yamlMapper(boolean minimizeQuotes) {
    YAMLFactory factory =
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .configure(YAMLGenerator.Feature.MINIMIZE_QUOTES, minimizeQuotes)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    return YAMLMapper.builder(factory)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();
  }

  private static final class TimestampSerializer extends StdScalarSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    TimestampSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(formatTimestamp(value));
    }
  }

  private static final class TimestampDeserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    TimestampDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = parser.getValueAsString();
      try {
        return parseTimestamp(text == null ? "" : text);
      } catch (DateTimeParseException e) {
        return (Instant)
            context.handleWeirdStringValue(Instant.class, text, "not an RFC 3339 timestamp");
      }
    }
  }
}
