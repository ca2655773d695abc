package dev.storageledger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hands each class the settings it reads and nothing more: LedgerProperties binds and validates every ledger.*
 * setting in one record, and each of its parts is a bean of its own, so that a class's constructor says which
 * settings it depends on (and a test builds it from those alone). The beans are named "...Settings" because the
 * parts' own names (webhooks, readCache, storage, ...) are taken by the classes that use them.
 */
@Configuration(proxyBeanMethods = false)
public class SettingsConfiguration {

    @Bean
    LedgerProperties.Database databaseSettings(LedgerProperties properties) {
        return properties.db();
    }

    @Bean
    DataFolder dataFolder(LedgerProperties properties) {
        return new DataFolder(properties.dataDir());
    }

    @Bean
    PublicUrlSetting publicUrlSetting(LedgerProperties properties) {
        return new PublicUrlSetting(properties.publicUrl());
    }

    @Bean
    LedgerProperties.Admin adminSettings(LedgerProperties properties) {
        return properties.admin();
    }

    @Bean
    LedgerProperties.DefaultPolicy defaultPolicySettings(LedgerProperties properties) {
        return properties.defaultPolicy();
    }

    @Bean
    TokenSettings tokenSettings(LedgerProperties properties) {
        return properties.tokens();
    }

    @Bean
    LedgerProperties.Storage storageSettings(LedgerProperties properties) {
        return properties.storage();
    }

    @Bean
    LedgerProperties.Connections connectionSettings(LedgerProperties properties) {
        return properties.connections();
    }

    @Bean
    LedgerProperties.Throttle throttleSettings(LedgerProperties properties) {
        return properties.throttle();
    }

    @Bean
    LedgerProperties.PerCustomer perCustomerSettings(LedgerProperties properties) {
        return properties.perCustomer();
    }

    @Bean
    LedgerProperties.History historySettings(LedgerProperties properties) {
        return properties.history();
    }

    @Bean
    LedgerProperties.Quota quotaSettings(LedgerProperties properties) {
        return properties.quota();
    }

    @Bean
    LedgerProperties.Webhooks webhookSettings(LedgerProperties properties) {
        return properties.webhooks();
    }

    @Bean
    LedgerProperties.Kafka kafkaSettings(LedgerProperties properties) {
        return properties.kafka();
    }

    @Bean
    LedgerProperties.ReadCache readCacheSettings(LedgerProperties properties) {
        return properties.readCache();
    }

    @Bean
    LedgerProperties.Bodies bodySettings(LedgerProperties properties) {
        return properties.bodies();
    }

    @Bean
    LedgerProperties.Writes writeSettings(LedgerProperties properties) {
        return properties.writes();
    }
}
