#!/bin/bash
# A stand-in for a function JVM, for fast tests of LocalLambdaService: it speaks the Lambda Runtime API with curl
# the way the RIC does, and the payload says what to do. FakeRuntime installs it as "$JAVA_HOME/bin/java".
api="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
if [ "$FAKE_INIT" = "fail" ]; then
  curl -sS -X POST -d '{"errorMessage":"init broke","errorType":"fake.InitException"}' "$api/init/error" >/dev/null
  exit 1
fi
echo "fake runtime for $AWS_LAMBDA_FUNCTION_NAME up, handler $QUARKUS_LAMBDA_HANDLER"
headers=$(mktemp)
while payload=$(curl -sS -D "$headers" "$api/invocation/next"); do
  id=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$headers" | cut -d' ' -f2 | tr -d '\r')
  arn=$(grep -i '^Lambda-Runtime-Invoked-Function-Arn:' "$headers" | cut -d' ' -f2 | tr -d '\r')
  echo "handling $payload"
  case "$payload" in
    *sleep*) sleep 10 ;;
    *slow*) sleep 1 ;;
    *exit*) exit 7 ;;
    *fail*)
      curl -sS -X POST -d '{"errorMessage":"it failed","errorType":"fake.StepException","stackTrace":[]}' \
        "$api/invocation/$id/error" >/dev/null
      continue ;;
  esac
  curl -sS -X POST -d "{\"echo\":$payload,\"arn\":\"$arn\",\"pid\":$$,\"marker\":\"$MARKER\"}" \
    "$api/invocation/$id/response" >/dev/null
done
