package dev.pinnipedjava.api.crd;

import io.fabric8.kubernetes.client.CustomResource;

/**
 * Finds the Java type of a CRD by the package convention of api-types: group {@code
 * <group>.<component>.pinniped.dev}, version {@code v} and kind {@code K} live in class {@code
 * dev.pinnipedjava.api.<component>.<group>.<v>.K}.
 */
final class CustomResourceTypes {
  private static final String DEFAULT_SUFFIX = ".pinniped.dev";
  private static final String ROOT_PACKAGE = "dev.pinnipedjava.api";

  private CustomResourceTypes() {}

  static Class<? extends CustomResource<?, ?>> resolve(String group, String version, String kind) {
    if (!group.endsWith(DEFAULT_SUFFIX)) {
      throw new IllegalArgumentException(
          "group " + group + " does not end with " + DEFAULT_SUFFIX + "; no Java type follows");
    }
    String[] labels = group.substring(0, group.length() - DEFAULT_SUFFIX.length()).split("\\.");
    if (labels.length != 2) {
      throw new IllegalArgumentException(
          "group " + group + " is not <group>.<component>" + DEFAULT_SUFFIX);
    }
    String className = String.join(".", ROOT_PACKAGE, labels[1], labels[0], version, kind);
    Class<?> type;
    try {
      type = Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "no Java type " + className + " for kind " + kind + " of " + group + "/" + version, e);
    }
    if (!CustomResource.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(className + " is not a fabric8 CustomResource");
    }
    @SuppressWarnings("unchecked") // checked just above
    Class<? extends CustomResource<?, ?>> resourceType =
        (Class<? extends CustomResource<?, ?>>) type;
    return resourceType;
  }

  /** The deploy/ directory a group's CRDs belong to: {@code concierge} or {@code supervisor}. */
  static String component(String group) {
    if (group.endsWith(".concierge" + DEFAULT_SUFFIX)) {
      return "concierge";
    }
    if (group.endsWith(".supervisor" + DEFAULT_SUFFIX)) {
      return "supervisor";
    }
    throw new IllegalArgumentException("group " + group + " belongs to no component");
  }
}
