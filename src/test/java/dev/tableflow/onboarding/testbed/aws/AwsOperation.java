package dev.tableflow.onboarding.testbed.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which AWS API operation an HTTP request is, read the way AWS itself routes it.
 * <p>
 * The service comes from the SigV4 credential scope ({@code Credential=AKID/20250101/us-east-1/iam/aws4_request}),
 * because every SDK signs with the service's signing name even when the endpoint is overridden. The action comes
 * from the protocol: {@code X-Amz-Target: secretsmanager.CreateSecret} (JSON protocols), the {@code Action=}
 * form or query parameter (query protocols such as IAM and STS), or the {@code /service/X/operation/Y} path
 * (Smithy RPC v2 CBOR). REST protocols (Lambda, S3, ...) name no action: the path stands in for it.
 * <p>
 * Write rule: an operation is a write unless its action starts with Get, List, Describe, BatchGet, Search or Head, or
 * is DynamoDB's Scan or Query (IAM's Service Authorization Reference lists both as Read); for REST protocols, unless
 * the method is GET or HEAD. AWS names its read-only operations this way, so the rule errs towards calling a rare
 * read-only verb (e.g. {@code SimulatePrincipalPolicy}) a write, never the reverse.
 */
public record AwsOperation(String service, String action, String method, Protocol protocol) {

    public enum Protocol { JSON, QUERY, RPC_V2_CBOR, REST }

    /** AKID/date/region/service/aws4_request, inside "Credential=..." or as a presigned X-Amz-Credential. */
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("[^/,\\s=]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern RPC_V2_PATH = Pattern.compile("/service/[^/]+/operation/([^/?]+)");
    private static final List<String> READ_PREFIXES = List.of("Get", "List", "Describe", "BatchGet", "Search", "Head");
    private static final List<String> DYNAMODB_READS = List.of("Scan", "Query");

    /**
     * @param authorization the Authorization header, or the X-Amz-Credential query parameter of a presigned URL
     * @param target        the X-Amz-Target header, or null
     */
    static AwsOperation of(String method, String path, String rawQuery, String authorization, String target,
                           String contentType, byte[] body) {
        String service = serviceOf(authorization, rawQuery);
        if (target != null && !target.isBlank()) {
            return new AwsOperation(service, target.substring(target.lastIndexOf('.') + 1), method, Protocol.JSON);
        }
        String action = formParameter(rawQuery, "Action");
        if (action == null && contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            action = formParameter(new String(body, StandardCharsets.UTF_8), "Action");
        }
        if (action != null) {
            return new AwsOperation(service, action, method, Protocol.QUERY);
        }
        Matcher rpc = RPC_V2_PATH.matcher(path);
        if (rpc.find()) {
            return new AwsOperation(service, rpc.group(1), method, Protocol.RPC_V2_CBOR);
        }
        return new AwsOperation(service, path, method, Protocol.REST);
    }

    public boolean isWrite() {
        if (protocol == Protocol.REST) {
            return !method.equals("GET") && !method.equals("HEAD");
        }
        return READ_PREFIXES.stream().noneMatch(action::startsWith) && !(service.equals("dynamodb") && DYNAMODB_READS.contains(action));
    }

    private static String serviceOf(String authorization, String rawQuery) {
        String scope = authorization != null ? authorization : formParameter(rawQuery, "X-Amz-Credential");
        if (scope == null) {
            return "unknown";
        }
        Matcher m = CREDENTIAL_SCOPE.matcher(scope);
        return m.find() ? m.group(1) : "unknown";
    }

    private static String formParameter(String form, String name) {
        if (form == null || form.isEmpty()) {
            return null;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
