package dev.tableflow.onboarding.aws;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** IAM, for the one role this application edits: the customer role's trust policy (GetRole, UpdateAssumeRolePolicy). */
@ApplicationScoped
public class IamRoles {

    private final AwsApi aws;

    public IamRoles(AwsApi aws) {
        this.aws = aws;
    }

    /** The role's trust policy as JSON text (IAM returns it URL-encoded, RFC 3986). */
    public String trustPolicy(String roleArn) {
        String encoded = AwsApi.child(aws.query(AwsApi.IAM, "GetRole", Map.of("RoleName", roleName(roleArn))), "GetRoleResult")
                .flatMap(result -> AwsApi.child(result, "Role"))
                .flatMap(role -> AwsApi.text(role, "AssumeRolePolicyDocument"))
                .orElseThrow(() -> new AwsApiException(200, "MalformedResponse", "GetRole answered without the role's trust policy"));
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    public void updateTrustPolicy(String roleArn, String document) {
        aws.query(AwsApi.IAM, "UpdateAssumeRolePolicy", Map.of("RoleName", roleName(roleArn), "PolicyDocument", document));
    }

    /** The name is the ARN's last path segment ({@code arn:aws:iam::123456789012:role/path/name}). */
    static String roleName(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }
}
