package dev.tableflow.onboarding.validation;

import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.StepContext;

import java.util.regex.Pattern;

/** Input rules shared by configuration and events; each failure names the field and says what is expected. */
public final class Rules {

    public static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    /** Letters and digits only: the qualifier also ends an IAM statement Sid, which allows nothing else. */
    public static final Pattern REGION_QUALIFIER = Pattern.compile("[a-z][a-z0-9]{0,11}");
    public static final Pattern CONFLUENT_ENVIRONMENT_ID = Pattern.compile("env-[a-z0-9]+");
    public static final Pattern KAFKA_CLUSTER_ID = Pattern.compile("lkc-[a-z0-9]+");
    public static final Pattern SERVICE_ACCOUNT_ID = Pattern.compile("sa-[a-z0-9]+");
    /** IAM role ARN in any partition; the role name may sit under a path. */
    public static final Pattern IAM_ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
    /** Ids Confluent hands out (dlz-…, tci-…, …): only checked to keep junk out of request paths. */
    public static final Pattern CONFLUENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    /** S3 bucket naming rules: 3-63 lower-case letters, digits, dots and dashes, starting and ending alphanumeric. */
    public static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** An S3 location: a bucket, then an optional key. */
    public static final Pattern S3_LOCATION = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s]*)?");
    public static final Pattern ENDPOINT_URL = Pattern.compile("https?://[^\\s/?#]+(:\\d+)?(/[^\\s?#]*)?");
    /**
     * A Glue database name Athena can query and Glue keeps as given: lower-case letters, digits and underscores, at most
     * 255 (Athena: "Name databases, tables, and columns"; Glue stores names in lower case).
     */
    public static final Pattern GLUE_DATABASE = Pattern.compile("[a-z0-9_]{1,255}");
    /** Kafka's own rule for topic names, "." and ".." included (Kafka refuses both), for every request and step alike. */
    public static final Pattern TOPIC_NAME = Pattern.compile("(?!\\.\\.?$)[a-zA-Z0-9._-]{1,249}");
    /** Secrets Manager's ClientRequestToken, the id of a secret version (a UUID when Secrets Manager makes it). */
    public static final Pattern CLIENT_REQUEST_TOKEN = Pattern.compile("[A-Za-z0-9_-]{32,64}");
    public static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    private Rules() {}

    public static String require(StepContext context, String field, String value, Pattern pattern, String expected) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(context, field, "missing; expected " + expected);
        }
        if (!pattern.matcher(value).matches()) {
            throw new InvalidInputException(context, field, "\"" + abbreviate(value) + "\" is not " + expected);
        }
        return value;
    }

    /** Refuses a field that must come from the deployment, not the caller, whatever it holds. */
    public static void absent(StepContext context, String field, Object value, String why) {
        if (value != null) {
            throw new InvalidInputException(context, field, "not accepted: " + why);
        }
    }

    /**
     * Refuses a topic name that is not a team's to onboard or offboard: Kafka keeps names starting with "__" for its
     * internal topics (__consumer_offsets, __transaction_state), Confluent Cloud those starting with "_confluent" for
     * its own (_confluent-ksql-…, _confluent-monitoring, …). Neither is data to turn into a table, nor to delete.
     */
    public static String requireUnreservedTopic(StepContext context, String field, String name) {
        String reason = name.startsWith("__") ? "names starting with \"__\" are Kafka's internal topics"
                : name.startsWith("_confluent") ? "names starting with \"_confluent\" are reserved for Confluent Cloud's own topics"
                : null;
        if (reason != null) {
            throw new InvalidInputException(context, field, "\"" + abbreviate(name) + "\" is a reserved topic name: " + reason);
        }
        return name;
    }

    /** Keeps an oversized value out of error messages and state payloads. */
    public static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
