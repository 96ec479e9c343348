package dev.pinnipedjava.aggregatedapi.apiresource;

/** An API group and one of its versions, as in {@code login.concierge.pinniped.dev/v1alpha1}. */
public record GroupVersion(String group, String version) {
  /** The {@code apiVersion} of objects of this group version. */
  public String apiVersion() {
    return group + "/" + version;
  }

  /** The URL path of this group version, {@code /apis/<group>/<version>}. */
  public String path() {
    return "/apis/" + group + "/" + version;
  }

  @Override
  public String toString() {
    return apiVersion();
  }
}
