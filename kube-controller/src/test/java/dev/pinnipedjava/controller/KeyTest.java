package dev.pinnipedjava.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import org.junit.jupiter.api.Test;

class KeyTest {
  @Test
  void namespacedKeyPrintsAsTheInformerCacheKey() {
    assertThat(Key.namespaced("supervisor", "my-fd")).hasToString("supervisor/my-fd");
  }

  @Test
  void clusterScopedKeyPrintsItsNameOnly() {
    assertThat(Key.clusterScoped("my-jwt-authenticator")).hasToString("my-jwt-authenticator");
    assertThat(Key.clusterScoped("x").isNamespaced()).isFalse();
  }

  @Test
  void keyOfAnObjectComesFromItsMetadata() {
    assertThat(
            Key.of(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withNamespace("ns")
                    .withName("cm")
                    .endMetadata()
                    .build()))
        .isEqualTo(Key.namespaced("ns", "cm"));
    assertThat(
            Key.of(new NamespaceBuilder().withNewMetadata().withName("ns").endMetadata().build()))
        .isEqualTo(Key.clusterScoped("ns"));
  }

  @Test
  void aKeyNeedsAName() {
    assertThatThrownBy(() -> Key.namespaced("ns", "")).isInstanceOf(IllegalArgumentException.class);
  }
}
