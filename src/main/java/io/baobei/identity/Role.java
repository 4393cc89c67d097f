package io.baobei.identity;

/** What a user may see: own customers (REP), the teams they manage (MANAGER), everything (ADMIN). */
public enum Role {
    REP, MANAGER, ADMIN
}
