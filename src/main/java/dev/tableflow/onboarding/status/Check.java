package dev.tableflow.onboarding.status;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One line of the status report; a problem names its troubleshooting case and the fix. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Check(String name, boolean ok, String detail, String troubleshooting, String fix) {

    public static Check ok(String name, String detail) {
        return new Check(name, true, detail, null, null);
    }

    public static Check problem(String name, String detail, Troubleshooting cause) {
        return new Check(name, false, detail, cause.title(), cause.fix());
    }
}
