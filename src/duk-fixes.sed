# duk-fixes.sed - our changes to the build tree's copy of Duktape 2.7's
# duktape.c (Makefile.am applies them; each edit is checked there).
#
# A quantified group that can match the empty string ((?: *(?:\n|$))+,
# (a*)*, (?:a|$)*) loops without end in Duktape's regexp executor until
# "regexp executor recursion limit": its compiler says "there is no current
# solution for empty atoms in complex quantifiers".  ECMAScript stops
# repeating a group once an iteration matched nothing (RepeatMatcher).
# marked fails on every paragraph for it.  The fix: the loop's SPLIT (the
# only backward SPLITs the compiler emits) remembers, for each iteration in
# progress, where it began; an iteration that ends where it began fails, so
# the matcher backtracks into it and then leaves the loop, as the
# specification's RepeatMatcher does (captures included: /(a*)*b/ on "aab"
# keeps "aa").  An iteration in progress always began before the current
# position (an empty one never gets past the check), so a loop entered
# again from an outer loop is never taken for its own earlier iteration.

# the iterations in progress, innermost first
/^	duk_uint32_t steps_limit;$/a\
	void *invoke_loops; /* invoke-fcgi: struct duk__re_loop, see duk__re_loop_split */

/^DUK_LOCAL const duk_uint8_t \*duk__match_regexp(duk_re_matcher_ctx \*re_ctx, const duk_uint8_t \*pc, const duk_uint8_t \*sp) {$/i\
/* invoke-fcgi (src/duk-fixes.sed): a loop that makes no progress ends. */\
typedef struct duk__re_loop {\
	const duk_uint8_t *pc;\
	const duk_uint8_t *sp;\
	struct duk__re_loop *prev;\
} duk__re_loop;\
DUK_LOCAL const duk_uint8_t *duk__match_regexp(duk_re_matcher_ctx *re_ctx, const duk_uint8_t *pc, const duk_uint8_t *sp);\
/* At a SPLIT (*pc just after its opcode): 0 when it is not a loop's (the\
 * caller goes on as before), else 1 matched (*sp set), 2 failed, 3 go on\
 * with the sequel at *pc. */\
DUK_LOCAL int duk__re_loop_split(duk_re_matcher_ctx *re_ctx, const duk_uint8_t **pc, const duk_uint8_t **sp, int lazy) {\
	const duk_uint8_t *at = *pc - 1, *p = *pc, *sub;\
	duk_int32_t skip = duk__bc_get_i32(re_ctx, &p);\
	duk__re_loop node, *l;\
	int again;\
	if (skip >= 0)\
		return 0;\
	for (l = (duk__re_loop *) re_ctx->invoke_loops; l != NULL && l->pc != at; l = l->prev)\
		;\
	again = l == NULL || l->sp != *sp;\
	if (!again)\
		return 2;\
	if (lazy) {\
		sub = duk__match_regexp(re_ctx, p, *sp);\
		if (sub) { *sp = sub; return 1; }\
	}\
	node.pc = at;\
	node.sp = *sp;\
	node.prev = (duk__re_loop *) re_ctx->invoke_loops;\
	re_ctx->invoke_loops = &node;\
	sub = duk__match_regexp(re_ctx, p + skip, *sp);\
	re_ctx->invoke_loops = node.prev;\
	if (sub) { *sp = sub; return 1; }\
	if (lazy) return 2;\
	*pc = p;\
	return 3;\
}

/^		case DUK_REOP_SPLIT1: {$/a\
			switch (duk__re_loop_split(re_ctx, &pc, &sp, 1)) { case 1: goto match; case 2: goto fail; case 3: continue; default: break; } /* invoke-fcgi */

/^		case DUK_REOP_SPLIT2: {$/a\
			switch (duk__re_loop_split(re_ctx, &pc, &sp, 0)) { case 1: goto match; case 2: goto fail; case 3: continue; default: break; } /* invoke-fcgi */

# A property read or write on undefined or null says what V8 says
# ("Cannot read properties of undefined (reading 'y')"): code and tests
# written against node match on it (pug prints it in its own errors).
/^		               "cannot read property %s of %s",$/{
N
N
s/.*/		               "Cannot read properties of %s (reading %s)", \/* invoke-fcgi *\/\
		               duk_push_string_tval_readable(thr, tv_obj),\
		               duk_push_string_tval_readable(thr, tv_key));/
}
/^		               "cannot write property %s of %s",$/{
N
N
s/.*/		               "Cannot set properties of %s (setting %s)", \/* invoke-fcgi *\/\
		               duk_push_string_tval_readable(thr, tv_obj),\
		               duk_push_string_tval_readable(thr, tv_key));/
}

# The objects the global names stay extensible for the request in progress
# and lose what it added before the next one (src/engine/extend.c): only
# Duktape's insides can tell cheaply whether an object gained a property,
# take away one the request made non-configurable, and make an object
# extensible again.  No entry of those objects is ever deleted (harden.js makes each
# non-configurable), so the first `keep` live entries are always the ones
# the runtime left, in their order, whatever compaction did since.
$a\
\
/* invoke-fcgi (src/duk-fixes.sed): how many entries the object at idx has\
 * used (deleted ones included until the next compaction); -1 for one with\
 * an array part, whose indices live apart. */\
DUK_EXTERNAL duk_int_t invoke_duk_entries(duk_context *ctx, duk_idx_t idx) {\
	duk_hobject *h = duk_require_hobject(ctx, idx);\
	if (DUK_HOBJECT_HAS_ARRAY_PART(h))\
		return -1;\
	return (duk_int_t) DUK_HOBJECT_GET_ENEXT(h);\
}\
\
/* invoke-fcgi (src/duk-fixes.sed): an object as it was kept (obj, a heap\
 * pointer kept alive by the caller; its prototype; its entries). */\
typedef struct invoke_duk_kept {\
	void *obj;\
	void *proto;\
	duk_int_t keep;\
} invoke_duk_kept;\
\
/* invoke-fcgi (src/duk-fixes.sed): the index of the first of the n objects\
 * that is no longer as kept (a property added, not extensible, another\
 * prototype), n when none: a few loads per object, called per request. */\
DUK_EXTERNAL duk_size_t invoke_duk_changed(duk_context *ctx, const invoke_duk_kept *k, duk_size_t n) {\
	duk_heap *heap = ((duk_hthread *) ctx)->heap;\
	duk_size_t i;\
	for (i = 0; i < n; i++) {\
		duk_hobject *h = (duk_hobject *) k[i].obj;\
		if ((duk_int_t) DUK_HOBJECT_GET_ENEXT(h) != k[i].keep || !DUK_HOBJECT_HAS_EXTENSIBLE(h) ||\
		    DUK_HOBJECT_GET_PROTOTYPE(heap, h) != (duk_hobject *) k[i].proto)\
			break;\
	}\
	return i;\
}\
\
/* invoke-fcgi (src/duk-fixes.sed): the object back as kept: its first keep\
 * live entries, extensible, its prototype.  Deleting may run finalizers;\
 * compacting may throw. */\
DUK_EXTERNAL void invoke_duk_restore(duk_context *ctx, const invoke_duk_kept *k) {\
	duk_hthread *thr = (duk_hthread *) ctx;\
	duk_hobject *h = (duk_hobject *) k->obj;\
	duk_uint32_t i, live = 0;\
	if (DUK_HOBJECT_GET_PROTOTYPE(thr->heap, h) != (duk_hobject *) k->proto)\
		DUK_HOBJECT_SET_PROTOTYPE_UPDREF(thr, h, (duk_hobject *) k->proto);\
	DUK_HOBJECT_SET_EXTENSIBLE(h);\
	if ((duk_int_t) DUK_HOBJECT_GET_ENEXT(h) == k->keep)\
		return;\
	for (i = 0; i < DUK_HOBJECT_GET_ENEXT(h); i++) {\
		duk_hstring *key = DUK_HOBJECT_E_GET_KEY(thr->heap, h, i);\
		if (key == NULL || (duk_int_t) live++ < k->keep)\
			continue;\
		(void) duk_hobject_delprop_raw(thr, h, key, DUK_DELPROP_FLAG_FORCE);\
	}\
	duk_hobject_compact_props(thr, h);\
}
