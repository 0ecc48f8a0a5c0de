package io.courtside.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CourtsideTestBase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Alibaba Cloud's own clients, pointed at Courtside, work unchanged: the RPC SDK (aliyun-java-sdk-core, signed
 * requests with HMAC-SHA1) and the OpenAPI client the generated ICE SDK (ice20201109) is built on, called with the
 * parameters that SDK's SubmitSportsHighlightsJob and GetBatchMediaProducingJob use.
 */
class IceSdkCompatibilityTest extends CourtsideTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/sdk/game.mp4\"}";

    @LocalServerPort
    int port;

    @Test
    void rpcSdkSubmitsQueriesAndReadsErrors() throws Exception {
        DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai", TestKeys.ACCESS_KEY_ID,
                TestKeys.ACCESS_KEY_SECRET));
        CommonRequest submit = request(RpcApi.SUBMIT);
        submit.putQueryParameter("ClientToken", "sdk-v1-" + System.nanoTime());
        submit.putQueryParameter("InputConfig", INPUT);
        submit.putQueryParameter("OutputConfig", "{\"MediaURL\":\"s3://outputs/sdk/v1_{index}.mp4\",\"Count\":2}");
        CommonResponse submitted = client.getCommonResponse(submit);
        assertThat(submitted.getHttpStatus()).isEqualTo(200);
        String jobId = JSON.readTree(submitted.getData()).path("JobId").asText();
        assertThat(jobId).matches("[0-9a-f]{32}");

        CommonRequest get = request(RpcApi.GET);
        get.putQueryParameter("JobId", jobId);
        JsonNode job = JSON.readTree(client.getCommonResponse(get).getData()).path("EditingBatchJob");
        assertThat(job.path("JobId").asText()).isEqualTo(jobId);
        assertThat(job.path("JobType").asText()).isEqualTo("Sports_Highlights");

        CommonRequest bad = request(RpcApi.SUBMIT);
        bad.putQueryParameter("InputConfig", INPUT);
        bad.putQueryParameter("OutputConfig", "{\"MediaURL\":\"s3://outputs/sdk/x_{index}.mp4\",\"Count\":11}");
        assertThatThrownBy(() -> client.getCommonResponse(bad)).isInstanceOfSatisfying(ClientException.class, e -> {
            assertThat(e.getErrCode()).isEqualTo("InvalidParameter");
            assertThat(e.getErrMsg()).contains("OutputConfig.Count");
            assertThat(e.getRequestId()).isNotBlank();
        });
    }

    @Test
    void openApiClientAsTheIceSdkCallsIt() throws Exception {
        com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(new Config()
                .setAccessKeyId(TestKeys.ACCESS_KEY_ID).setAccessKeySecret(TestKeys.ACCESS_KEY_SECRET)
                .setEndpoint("127.0.0.1:" + port).setProtocol("HTTP"));
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("ClientToken", "sdk-v2-" + System.nanoTime());
        query.put("InputConfig", INPUT);
        query.put("OutputConfig", "{\"MediaURL\":\"s3://outputs/sdk/v2_{index}.mp4\",\"Count\":1}");
        query.put("UserData", "{\"NotifyAddress\":\"ice-callback-sdk\"}");
        Map<String, ?> submitted = client.callApi(params(RpcApi.SUBMIT), new OpenApiRequest()
                .setQuery(com.aliyun.openapiutil.Client.query(query)), new RuntimeOptions());
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) submitted.get("body");
        String jobId = (String) body.get("JobId");
        assertThat(jobId).matches("[0-9a-f]{32}");

        Map<String, ?> got = client.callApi(params(RpcApi.GET), new OpenApiRequest()
                .setQuery(com.aliyun.openapiutil.Client.query(Map.of("JobId", jobId))), new RuntimeOptions());
        assertThat(JSON.valueToTree(got.get("body")).path("EditingBatchJob").path("JobId").asText()).isEqualTo(jobId);

        assertThatThrownBy(() -> client.callApi(params(RpcApi.GET), new OpenApiRequest()
                .setQuery(com.aliyun.openapiutil.Client.query(Map.of("JobId", "0".repeat(32)))), new RuntimeOptions()))
                .isInstanceOfSatisfying(TeaException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("ResourceNotFound");
                    assertThat(e.getMessage()).contains("does not exist");
                });
    }

    private CommonRequest request(String action) {
        CommonRequest request = new CommonRequest();
        request.setSysMethod(MethodType.POST);
        request.setSysDomain("127.0.0.1:" + port);
        request.setSysProtocol(ProtocolType.HTTP);
        request.setSysVersion("2020-11-09");
        request.setSysAction(action);
        return request;
    }

    /** What the generated ICE SDK (ice20201109) passes for its RPC calls. */
    private static Params params(String action) {
        return new Params().setAction(action).setVersion("2020-11-09").setProtocol("HTTP").setPathname("/")
                .setMethod("POST").setAuthType("AK").setStyle("RPC").setReqBodyType("formData").setBodyType("json");
    }
}
