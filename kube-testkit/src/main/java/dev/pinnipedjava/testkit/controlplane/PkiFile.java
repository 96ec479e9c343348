package dev.pinnipedjava.testkit.controlplane;

/** The names of the files below {@link ControlPlaneLayout#pki()}. */
public final class PkiFile {
  public static final String SERVING_CA = "serving-ca.crt";
  public static final String SERVING_CA_KEY = "serving-ca.key";
  public static final String API_SERVER_CERT = "apiserver.crt";
  public static final String API_SERVER_KEY = "apiserver.key";
  public static final String CLIENT_CA = "client-ca.crt";
  public static final String CLIENT_CA_KEY = "client-ca.key";
  public static final String ADMIN_CERT = "admin.crt";
  public static final String ADMIN_KEY = "admin.key";
  public static final String FRONT_PROXY_CA = "front-proxy-ca.crt";
  public static final String FRONT_PROXY_CA_KEY = "front-proxy-ca.key";
  public static final String FRONT_PROXY_CLIENT_CERT = "front-proxy-client.crt";
  public static final String FRONT_PROXY_CLIENT_KEY = "front-proxy-client.key";
  public static final String SERVICE_ACCOUNT_PUBLIC_KEY = "service-account.pub";
  public static final String SERVICE_ACCOUNT_KEY = "service-account.key";
  public static final String STATIC_TOKENS = "static-tokens.csv";

  private PkiFile() {}
}
