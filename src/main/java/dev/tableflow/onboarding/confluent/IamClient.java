package dev.tableflow.onboarding.confluent;

import dev.tableflow.onboarding.confluent.model.RoleBinding;
import dev.tableflow.onboarding.confluent.model.ServiceAccount;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** IAM {@code iam/v2}: service accounts (iam-v2.yaml) and role bindings (iam-v2-role-bindings.yaml). */
@Path("/iam/v2")
@RegisterRestClient(configKey = "confluent")
@RegisterProvider(ConfluentErrorMapper.class)
@RegisterClientHeaders(CloudApiKeyHeaders.class)
public interface IamClient {

    @GET
    @Path("/service-accounts/{id}")
    ServiceAccount serviceAccount(@PathParam("id") String id);

    @GET
    @Path("/role-bindings")
    Page<RoleBinding> roleBindings(@QueryParam("crn_pattern") String crnPattern, @QueryParam("principal") String principal,
            @QueryParam("role_name") String roleName, @QueryParam("page_size") int pageSize, @QueryParam("page_token") String pageToken);

    /** 201 Created. */
    @POST
    @Path("/role-bindings")
    RoleBinding createRoleBinding(RoleBinding binding);

    /** 200 OK with the deleted binding (not 204, unlike the other deletes); 404 when it is already gone. */
    @DELETE
    @Path("/role-bindings/{id}")
    RoleBinding deleteRoleBinding(@PathParam("id") String id);
}
