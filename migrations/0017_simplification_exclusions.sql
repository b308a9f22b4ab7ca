ALTER TABLE "excluded_goods" DROP CONSTRAINT "excluded_goods_kind_check";--> statement-breakpoint
ALTER TABLE "excluded_goods" ADD CONSTRAINT "excluded_goods_kind_check" CHECK ("excluded_goods"."kind" in ('prohibited','restricted','suspended','export_duty','inspection','customs_excluded'));--> statement-breakpoint
-- The one entry the platform carried as a constant until now (toys, HS 9503, treated as subject to
-- inspection at the purchase place). The center confirms or closes it against the current catalogue.
INSERT INTO "excluded_goods" ("kind", "hs_prefix", "reason", "source", "effective_from")
VALUES ('inspection', '9503', '玩具：按实施检验检疫商品处理，不适用简化申报，逐项申报',
        'platform default carried from the earlier built-in list; to be confirmed by the center against the current 法检目录 (DOMAIN §1.4)', '2019-01-01');
