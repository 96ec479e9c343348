package dev.pinnipedjava.supervisor.secretstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.testkit.clock.MutableClock;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SecretStore} must do; run against each implementation by a subclass. Each test
 * uses fresh signatures, so implementations may share state between tests.
 */
abstract class SecretStoreContract {
  static final StorageType<TestSession> SESSIONS =
      new StorageType<>("test-session", TestSession.class, TestSession.VERSION);
  static final ObjectMapper JSON = new ObjectMapper();

  final MutableClock clock = new MutableClock(Instant.parse("2025-07-02T10:00:00.400Z"));

  /** A store of {@code type} that uses {@link #clock}. */
  abstract <T extends VersionedShape> SecretStore<T> store(StorageType<T> type);

  /** The Secret the store wrote for this signature, as the API server holds it. */
  abstract Optional<Secret> secret(SecretStore<?> store, String signature);

  /** An owner reference the implementation accepts (a real object for the API server). */
  abstract OwnerReference owner();

  static String signature() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void createdDocumentsReadBack() {
    SecretStore<TestSession> store = store(SESSIONS);
    String signature = signature();

    String resourceVersion =
        store.create(signature, TestSession.of("alice", "devs"), Map.of(), List.of(), null);

    assertThat(store.get(signature))
        .contains(new Stored<>(TestSession.of("alice", "devs"), resourceVersion));
  }

  @Test
  void theSecretHasPinnipedsLayout() {
    SecretStore<TestSession> store = store(SESSIONS);
    String signature = signature();
    OwnerReference owner = owner();

    store.create(
        signature,
        TestSession.of("alice"),
        Map.of("storage.pinniped.dev/request-id", "r1"),
        List.of(owner),
        Duration.ofMinutes(10));

    Secret secret = secret(store, signature).orElseThrow();
    assertThat(secret.getMetadata().getName()).isEqualTo(store.secretName(signature));
    assertThat(secret.getType()).isEqualTo("storage.pinniped.dev/test-session");
    assertThat(secret.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "storage.pinniped.dev/type", "test-session",
                "storage.pinniped.dev/request-id", "r1"));
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("storage.pinniped.dev/garbage-collect-after", "2025-07-02T10:10:00Z");
    assertThat(secret.getMetadata().getOwnerReferences()).containsExactly(owner);
    assertThat(decode(secret, "pinniped-storage-version")).isEqualTo("1");
    assertThat(decode(secret, "pinniped-storage-data"))
        .isEqualTo("{\"username\":\"alice\",\"groups\":[],\"version\":\"1\"}");
  }

  private static String decode(Secret secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  @Test
  void withoutLifetimeThereIsNoGarbageCollectionAnnotation() {
    SecretStore<TestSession> store = store(SESSIONS);
    String signature = signature();

    store.create(signature, TestSession.of("alice"), Map.of(), List.of(), null);

    Map<String, String> annotations =
        secret(store, signature).orElseThrow().getMetadata().getAnnotations();
    assertThat(annotations == null ? Map.of() : annotations)
        .doesNotContainKey("storage.pinniped.dev/garbage-collect-after");
  }

  @Test
  void creatingTwiceConflicts() {
    SecretStore<TestSession> store = store(SESSIONS);
    String signature = signature();
    store.create(signature, TestSession.of("alice"), Map.of(), List.of(), null);

    assertThatThrownBy(
            () -> store.create(signature, TestSession.of("bob"), Map.of(), List.of(), null))
        .isInstanceOf(SecretStoreConflictException.class)
        .hasMessageContaining("already exists");
    assertThat(store.get(signature).orElseThrow().value()).isEqualTo(TestSession.of("alice"));
  }

  @Test
  void aMissingDocumentIsAbsent() {
    assertThat(store(SESSIONS).get(signature())).isEmpty();
  }

  @Test
  void updateAtTheCurrentVersionReplacesTheDocumentAndKeepsTheMetadata() {
    SecretStore<TestSession> store = store(SESSIONS);
    String signature = signature();
    String first =
        store.create(
            signature,
            TestSession.of("alice"),
            Map.of("storage.pinniped.dev/request-id", "r1"),
            List.of(),
            Duration.ofMinutes(10));

    String second = store.update(signature, first, TestSession.of("alice", "admins"));

    assertThat(second).isNotEqualTo(first);
    assertThat(store.get(signature))
        .contains(new Stored<>(TestSession.of("alice", "admins"), second));
    Secret secret = secret(store, signature).orElseThrow();
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("storage.pinniped.dev/request-id", "r1");
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("storage.pinniped.dev/garbage-collect-after", "2025-07-02T10:10:00Z");
  }

  @Test
  void updateAtAStaleVersionConflicts() {
    SecretStore<TestSession> store = store(SESSIONS);
    String signature = signature();
    String first = store.create(signature, TestSession.of("alice"), Map.of(), List.of(), null);
    store.update(signature, first, TestSession.of("alice", "one"));

    assertThatThrownBy(() -> store.update(signature, first, TestSession.of("alice", "two")))
        .isInstanceOf(SecretStoreConflictException.class);
    assertThat(store.get(signature).orElseThrow().value())
        .isEqualTo(TestSession.of("alice", "one"));
  }

  @Test
  void updatingAMissingDocumentFails() {
    assertThatThrownBy(() -> store(SESSIONS).update(signature(), "1", TestSession.of("alice")))
        .isInstanceOf(SecretStoreException.class)
        .isNotInstanceOf(SecretStoreConflictException.class);
  }

  @Test
  void aDocumentPastItsLifetimeIsAbsent() {
    SecretStore<TestSession> store = store(SESSIONS);
    String signature = signature();
    store.create(signature, TestSession.of("alice"), Map.of(), List.of(), Duration.ofMinutes(10));

    clock.advance(Duration.ofMinutes(9));
    assertThat(store.get(signature)).isPresent();

    clock.advance(Duration.ofMinutes(1));
    assertThat(store.get(signature)).isEmpty();
  }

  @Test
  void aDocumentOfAnotherSchemaVersionIsAbsent() {
    StorageType<TestSession> older = new StorageType<>(SESSIONS.name(), TestSession.class, "0");
    SecretStore<TestSession> oldStore = store(older);
    String signature = signature();
    oldStore.create(signature, new TestSession("alice", List.of(), "0"), Map.of(), List.of(), null);

    assertThat(oldStore.get(signature)).isPresent();
    assertThat(store(SESSIONS).get(signature)).isEmpty();
  }

  @Test
  void writingADocumentOfAnotherVersionIsAProgrammingError() {
    assertThatThrownBy(
            () ->
                store(SESSIONS)
                    .create(
                        signature(),
                        new TestSession("alice", List.of(), "2"),
                        Map.of(),
                        List.of(),
                        null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteRemovesTheDocumentOnce() {
    SecretStore<TestSession> store = store(SESSIONS);
    String signature = signature();
    store.create(signature, TestSession.of("alice"), Map.of(), List.of(), null);

    assertThat(store.delete(signature)).isTrue();
    assertThat(store.get(signature)).isEmpty();
    assertThat(secret(store, signature)).isEmpty();
    assertThat(store.delete(signature)).isFalse();
  }

  @Test
  void deleteByLabelRemovesOnlyMatchingDocumentsOfItsType() {
    SecretStore<TestSession> store = store(SESSIONS);
    SecretStore<TestSession> otherType =
        store(new StorageType<>("other-session", TestSession.class, TestSession.VERSION));
    String requestId = UUID.randomUUID().toString();
    Map<String, String> label = Map.of("storage.pinniped.dev/request-id", requestId);
    String first = signature();
    String second = signature();
    String unlabelled = signature();
    String ofOtherType = signature();
    store.create(first, TestSession.of("a"), label, List.of(), null);
    store.create(second, TestSession.of("b"), label, List.of(), null);
    store.create(unlabelled, TestSession.of("c"), Map.of(), List.of(), null);
    otherType.create(ofOtherType, TestSession.of("d"), label, List.of(), null);

    assertThat(store.deleteByLabel("storage.pinniped.dev/request-id", requestId)).isEqualTo(2);

    assertThat(store.get(first)).isEmpty();
    assertThat(store.get(second)).isEmpty();
    assertThat(store.get(unlabelled)).isPresent();
    assertThat(otherType.get(ofOtherType)).isPresent();
  }

  @Test
  void secretNamesFollowPinniped() {
    SecretStore<TestSession> store = store(SESSIONS);

    // base64url("foobar") is decoded first; base32("foobar") = MZXW6YTBOI.
    assertThat(store.secretName("Zm9vYmFy")).isEqualTo("pinniped-storage-test-session-mzxw6ytboi");
    // Not base64: the text itself is encoded; base32("a!") = MEQQ.
    assertThat(store.secretName("a!")).isEqualTo("pinniped-storage-test-session-meqq");
  }

  static OwnerReference ownerReference(String name, String uid) {
    return new OwnerReferenceBuilder()
        .withApiVersion("v1")
        .withKind("ConfigMap")
        .withName(name)
        .withUid(uid)
        .build();
  }
}
