package io.baobei.common;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for business dates, in the sales team's time zone (baobei.time-zone, default Asia/Shanghai). */
@Configuration
public class TimeConfig {

    @Bean
    Clock clock(@Value("${baobei.time-zone:Asia/Shanghai}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
