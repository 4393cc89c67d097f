package io.baobei.common;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.context.annotation.Configuration;

/** OpenAPI description of /api/** (Swagger UI at /swagger-ui.html). */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "Baobei 客户报备 API", version = "1",
                description = "报备、审核与客户查询。所有数据按调用者范围返回：销售仅本人，主管本团队，管理员全部。"),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class OpenApiConfig {
}
