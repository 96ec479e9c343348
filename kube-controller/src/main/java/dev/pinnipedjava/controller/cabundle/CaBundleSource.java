package dev.pinnipedjava.controller.cabundle;

/**
 * A {@code spec.tls.certificateAuthorityDataSource}: the key of a Secret or ConfigMap that holds
 * PEM certificates.
 */
public record CaBundleSource(Kind kind, String name, String key) {
  /** The kinds of object a CA bundle may be read from. */
  public enum Kind {
    SECRET("secret"),
    CONFIG_MAP("configmap");

    private final String objectName;

    Kind(String objectName) {
      this.objectName = objectName;
    }

    /** The kind as Pinniped's messages name it. */
    public String objectName() {
      return objectName;
    }
  }
}
