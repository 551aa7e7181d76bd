package dev.tableflow.onboarding.testbed.confluent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** TableFlow v1 regions ({@code tableflow-v1.yaml}): a fixed catalogue of AWS regions, enough for several pages. */
final class TableflowRegionsApi extends MockApi {
    private static final String PATH = "/tableflow/v1/regions";
    static final List<String> AWS_REGIONS = List.of("us-east-1", "us-east-2", "us-west-2", "eu-west-1",
            "eu-central-1", "ap-southeast-1", "ap-southeast-2");

    TableflowRegionsApi(CloudContext ctx) {
        super(ctx);
    }

    @Override
    void register(Router router) {
        router.get(PATH, call -> {
            String cloud = call.query("cloud");
            List<ObjectNode> regions = AWS_REGIONS.stream()
                    .filter(r -> cloud == null || cloud.equalsIgnoreCase("AWS"))
                    .map(this::region)
                    .toList();
            return Reply.ok(Pagination.page(call, ctx, "tableflow/v1", "RegionList", regions));
        });
    }

    @Override
    void reset() {
        // stateless
    }

    private ObjectNode region(String name) {
        String id = "r-" + name;
        ObjectNode region = Json.object();
        region.put("api_version", "tableflow/v1");
        region.put("kind", "Region");
        region.put("id", id);
        region.set("metadata", ctx.metadata(PATH + "/" + id, ctx.crn("region=" + id)));
        region.put("cloud", "AWS");
        region.put("region", name);
        return region;
    }
}
