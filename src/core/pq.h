/*
 * pq: libpq, loaded when first needed (dlopen) rather than linked.
 * libpq brings some twenty libraries (TLS, Kerberos, LDAP) whose
 * relocated pages every worker would carry in its RSS; a configuration
 * without a postgresql:// URL never loads them.  Code that calls libpq
 * includes this header instead of <libpq-fe.h>: each PQxxx name below is
 * a macro for the loaded function, so calls read as usual; it calls
 * pq_load before the first.
 */
#ifndef FNPOOL_PQ_H
#define FNPOOL_PQ_H

#include <stddef.h>

#include <libpq-fe.h>

#define PQ_SONAME	"libpq.so.5"

#define PQ_FUNCTIONS \
	X(PQcancel) X(PQclear) X(PQcmdTuples) X(PQconnectdbParams) \
	X(PQconnectPoll) X(PQconnectStartParams) \
	X(PQconninfoFree) X(PQconninfoParse) X(PQconsumeInput) \
	X(PQdescribePrepared) X(PQerrorMessage) X(PQexec) X(PQfinish) \
	X(PQfname) X(PQfreeCancel) X(PQfreemem) X(PQftype) X(PQgetCancel) \
	X(PQgetResult) X(PQgetisnull) X(PQgetlength) X(PQgetvalue) X(PQisBusy) \
	X(PQnfields) X(PQnotifies) X(PQnparams) X(PQparamtype) X(PQprepare) \
	X(PQresultErrorField) X(PQresultStatus) X(PQsendQuery) \
	X(PQsendDescribePrepared) X(PQsendPrepare) X(PQsendQueryPrepared) \
	X(PQsetNoticeProcessor) X(PQsetSingleRowMode) \
	X(PQsocket) X(PQstatus) X(PQtransactionStatus) X(PQunescapeBytea)

struct pq_api {
#define X(f)	__typeof__(f) *f;
	PQ_FUNCTIONS
#undef X
};
extern struct pq_api pq_api;

/*
 * Loads libpq once per process: 0, or -1 with why (dlerror's text) in
 * err.  After a fork the child keeps what its parent loaded.
 */
int	 pq_load(char *err, size_t errsize);

#ifndef FNPOOL_PQ_NO_MACROS	/* pq.c names the functions themselves */
#define PQcancel		(pq_api.PQcancel)
#define PQclear			(pq_api.PQclear)
#define PQcmdTuples		(pq_api.PQcmdTuples)
#define PQconnectdbParams	(pq_api.PQconnectdbParams)
#define PQconnectPoll		(pq_api.PQconnectPoll)
#define PQconnectStartParams	(pq_api.PQconnectStartParams)
#define PQconninfoFree		(pq_api.PQconninfoFree)
#define PQconninfoParse		(pq_api.PQconninfoParse)
#define PQconsumeInput		(pq_api.PQconsumeInput)
#define PQdescribePrepared	(pq_api.PQdescribePrepared)
#define PQerrorMessage		(pq_api.PQerrorMessage)
#define PQexec			(pq_api.PQexec)
#define PQfinish		(pq_api.PQfinish)
#define PQfname			(pq_api.PQfname)
#define PQfreeCancel		(pq_api.PQfreeCancel)
#define PQfreemem		(pq_api.PQfreemem)
#define PQftype			(pq_api.PQftype)
#define PQgetCancel		(pq_api.PQgetCancel)
#define PQgetResult		(pq_api.PQgetResult)
#define PQgetisnull		(pq_api.PQgetisnull)
#define PQgetlength		(pq_api.PQgetlength)
#define PQgetvalue		(pq_api.PQgetvalue)
#define PQisBusy		(pq_api.PQisBusy)
#define PQnfields		(pq_api.PQnfields)
#define PQnotifies		(pq_api.PQnotifies)
#define PQnparams		(pq_api.PQnparams)
#define PQparamtype		(pq_api.PQparamtype)
#define PQprepare		(pq_api.PQprepare)
#define PQresultErrorField	(pq_api.PQresultErrorField)
#define PQresultStatus		(pq_api.PQresultStatus)
#define PQsendDescribePrepared	(pq_api.PQsendDescribePrepared)
#define PQsendPrepare		(pq_api.PQsendPrepare)
#define PQsendQuery		(pq_api.PQsendQuery)
#define PQsendQueryPrepared	(pq_api.PQsendQueryPrepared)
#define PQsetNoticeProcessor	(pq_api.PQsetNoticeProcessor)
#define PQsetSingleRowMode	(pq_api.PQsetSingleRowMode)
#define PQsocket		(pq_api.PQsocket)
#define PQstatus		(pq_api.PQstatus)
#define PQtransactionStatus	(pq_api.PQtransactionStatus)
#define PQunescapeBytea		(pq_api.PQunescapeBytea)
#endif

#endif
