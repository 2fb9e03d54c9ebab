<?php
// Roundcube 1.6 for the browser bench only (scripts/bench/roundcube.ts renders this file into the
// bench's own data dir and points ROUNDCUBE_CONFIG_DIR at it; /etc/roundcube is never read or changed).
// Placeholders (two @ signs around a NAME) are filled in by renderRoundcubeConfig(); every value is a PHP string literal.
// Everything not set here keeps Roundcube's own default (defaults.inc.php, linked next to this file), so
// the comparison is against Roundcube as shipped: no IMAP cache, 50 messages a page, widescreen layout.
$config = [];
$config['db_dsnw'] = @@DB_DSN@@;
// The bench Dovecot: plain IMAP on loopback, like the Mailroom instance under bench (IMAP_TLS=false).
$config['imap_host'] = @@IMAP_HOST@@;
$config['smtp_host'] = @@SMTP_HOST@@;
$config['smtp_user'] = '%u';
$config['smtp_pass'] = '%p';
$config['des_key'] = @@DES_KEY@@;
$config['log_dir'] = @@LOG_DIR@@;
$config['temp_dir'] = @@TEMP_DIR@@;
$config['log_driver'] = 'file';
$config['product_name'] = 'Roundcube Webmail';
$config['support_url'] = '';
$config['plugins'] = [];
$config['skin'] = 'elastic';
$config['enable_spellcheck'] = false;
