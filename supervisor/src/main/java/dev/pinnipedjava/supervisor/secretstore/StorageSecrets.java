package dev.pinnipedjava.supervisor.secretstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The layout of a storage Secret, as Pinniped's {@code crud} package writes it: name {@code
 * pinniped-storage-<type>-<signature as lowercase base32>}, type {@code
 * storage.pinniped.dev/<type>}, label {@code storage.pinniped.dev/type=<type>}, data {@code
 * pinniped-storage-data} (the JSON document) and {@code pinniped-storage-version} ({@value
 * #LAYOUT_VERSION}), and an optional garbage collection annotation.
 */
public final class StorageSecrets {
  private static final Logger LOG = Logger.getLogger(StorageSecrets.class);

  /** The label naming the storage type of a Secret. */
  public static final String TYPE_LABEL = "storage.pinniped.dev/type";

  /** When the garbage collector may delete the Secret, RFC 3339 in UTC. */
  public static final String GARBAGE_COLLECT_AFTER_ANNOTATION =
      "storage.pinniped.dev/garbage-collect-after";

  public static final String DATA_KEY = "pinniped-storage-data";
  public static final String LAYOUT_VERSION_KEY = "pinniped-storage-version";

  /** The version of this Secret layout (not of the document inside); Pinniped's is "1". */
  public static final String LAYOUT_VERSION = "1";

  private static final String NAME_PREFIX = "pinniped-storage-";
  private static final String TYPE_PREFIX = "storage.pinniped.dev/";
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final ObjectMapper json;

  public StorageSecrets(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The Secret name for a signature. Signatures are usually base64 (of an HMAC, say): decoding
   * first avoids encoding twice; lowercase base32 makes any bytes a valid Secret name.
   */
  public static String secretName(String storageType, String signature) {
    return NAME_PREFIX + storageType + "-" + base32(decodeIfBase64(signature));
  }

  public static String secretType(String storageType) {
    return TYPE_PREFIX + storageType;
  }

  /**
   * When the Secret's garbage collection annotation says it expires; empty when none or unreadable.
   */
  public static Optional<Instant> garbageCollectAfter(Secret secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(GARBAGE_COLLECT_AFTER_ANNOTATION);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Formats an expiry for the annotation: RFC 3339, UTC, whole seconds. */
  public static String formatExpiry(Instant expiry) {
    return expiry.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A new storage Secret holding {@code value}. */
  <T extends VersionedShape> Secret toSecret(
      String namespace,
      StorageType<T> type,
      String signature,
      T value,
      Map<String, String> additionalLabels,
      List<OwnerReference> owners,
      @Nullable Instant expiry) {
    requireSchemaVersion(type, value);
    Map<String, String> labels = new LinkedHashMap<>(additionalLabels);
    labels.put(TYPE_LABEL, type.name());
    SecretBuilder secret =
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(secretName(type.name(), signature))
            .withLabels(labels)
            .withOwnerReferences(owners)
            .endMetadata()
            .withType(secretType(type.name()))
            .withData(data(value));
    if (expiry != null) {
      secret
          .editMetadata()
          .withAnnotations(Map.of(GARBAGE_COLLECT_AFTER_ANNOTATION, formatExpiry(expiry)))
          .endMetadata();
    }
    return secret.build();
  }

  /** The Secret {@code data} for a document: base64 of the JSON and of the layout version. */
  <T extends VersionedShape> Map<String, String> data(T value) {
    byte[] document;
    try {
      document = json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new SecretStoreException("cannot encode a " + value.getClass().getSimpleName(), e);
    }
    Base64.Encoder base64 = Base64.getEncoder();
    return Map.of(
        DATA_KEY,
        base64.encodeToString(document),
        LAYOUT_VERSION_KEY,
        base64.encodeToString(LAYOUT_VERSION.getBytes(StandardCharsets.UTF_8)));
  }

  <T extends VersionedShape> void requireSchemaVersion(StorageType<T> type, T value) {
    if (!type.schemaVersion().equals(value.version())) {
      throw new IllegalArgumentException(
          "a "
              + type.name()
              + " document must have version "
              + type.schemaVersion()
              + ", not "
              + value.version());
    }
  }

  /**
   * The document in {@code secret}, if it is a readable, current document of {@code type} whose
   * lifetime has not passed at {@code now}.
   */
  public <T extends VersionedShape> Optional<T> read(
      Secret secret, StorageType<T> type, Instant now) {
    return decode(secret, type, now);
  }

  /**
   * The document in {@code secret}, if it is a readable, current document of {@code type}, however
   * old: for the garbage collector, which handles expired documents.
   */
  public <T extends VersionedShape> Optional<T> readIgnoringLifetime(
      Secret secret, StorageType<T> type) {
    return decode(secret, type, null);
  }

  private <T extends VersionedShape> Optional<T> decode(
      Secret secret, StorageType<T> type, @Nullable Instant now) {
    String name = secret.getMetadata().getName();
    Map<String, String> labels = secret.getMetadata().getLabels();
    if (!secretType(type.name()).equals(secret.getType())
        || labels == null
        || !type.name().equals(labels.get(TYPE_LABEL))) {
      LOG.debugf("Secret %s is not %s storage", name, type.name());
      return Optional.empty();
    }
    Optional<Instant> expiry = garbageCollectAfter(secret);
    if (now != null && expiry.isPresent() && !now.isBefore(expiry.get())) {
      LOG.debugf("Secret %s expired at %s", name, expiry.get());
      return Optional.empty();
    }
    Map<String, String> data = secret.getData();
    byte[] layoutVersion = decodeData(data, LAYOUT_VERSION_KEY);
    byte[] document = decodeData(data, DATA_KEY);
    if (layoutVersion == null
        || !LAYOUT_VERSION.equals(new String(layoutVersion, StandardCharsets.UTF_8))
        || document == null) {
      LOG.debugf("Secret %s does not have storage layout version %s", name, LAYOUT_VERSION);
      return Optional.empty();
    }
    try {
      JsonNode tree = json.readTree(document);
      if (!type.schemaVersion().equals(tree.path("version").asText(null))) {
        LOG.debugf("Secret %s holds another schema version of %s", name, type.name());
        return Optional.empty();
      }
      return Optional.of(json.treeToValue(tree, type.javaType()));
    } catch (java.io.IOException e) {
      // The message of a decoding error may quote the document: never log it.
      LOG.warnf("Secret %s holds an unreadable %s document", name, type.name());
      return Optional.empty();
    }
  }

  private static byte @Nullable [] decodeData(@Nullable Map<String, String> data, String key) {
    String value = data == null ? null : data.get(key);
    if (value == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** As Pinniped: the bytes of a base64 (URL or standard alphabet) signature, else its text. */
  private static byte[] decodeIfBase64(String signature) {
    for (Base64.Decoder decoder : List.of(Base64.getUrlDecoder(), Base64.getDecoder())) {
      try {
        return decoder.decode(signature);
      } catch (IllegalArgumentException e) {
        // try the next alphabet
      }
    }
    return signature.getBytes(StandardCharsets.UTF_8);
  }

  /** RFC 4648 base32, lowercase, without padding. */
  static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >> (bits - 5)) & 0x1f]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 0x1f]);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
