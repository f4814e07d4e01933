/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-generate"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-action.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-store.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"

/* Fills an empty store with synthetic but plausible records, for benchmarks
 * and for trying the window with a large store:
 *
 *   dossier-generate --data-dir /tmp/big --cases 10000 --actions 1000000
 *
 * Everything is drawn from one GRand seeded with --seed, ids and timestamps
 * included, so one seed and one set of counts always give the same records.
 * Records are written through the store's public API in one transaction, in
 * the order the schema's references need, and released as soon as they are
 * written: memory stays flat however many actions are asked for. */

#define EXIT_USAGE 2

/* Dates fall between the first of these years and "today", which also
 * decides which UAs are still open. */
#define FIRST_YEAR 2018
#define LAST_YEAR  2026
#define TODAY_YEAR 2026
#define TODAY_MONTH 11
#define TODAY_DAY  21

#define PROGRESS_INTERVAL_USEC (5 * G_USEC_PER_SEC)

/* ---- vocabularies ---- */

typedef struct
{
  const char *cyrillic;
  const char *latin;
  gboolean    female;
} FirstName;

typedef struct
{
  const char *cyrillic_m;
  const char *latin_m;
  const char *cyrillic_f;
  const char *latin_f;
} Surname;

/* Kazakh names in Kazakh Cyrillic, with the letters Russian lacks
 * (ә ғ қ ң ө ұ ү һ і); their Russian spelling is derived from them. */
static const FirstName kazakh_first_names[] = {
  { "Айгерим", "Aigerim", TRUE },
  { "Әсел", "Assel", TRUE },
  { "Ғалым", "Galym", FALSE },
  { "Қайрат", "Kairat", FALSE },
  { "Іңкәр", "Inkar", TRUE },
  { "Өмірзақ", "Omirzak", FALSE },
  { "Ұлжан", "Ulzhan", TRUE },
  { "Үміт", "Umit", TRUE },
  { "Зәуреш", "Zauresh", TRUE },
  { "Алтынбек", "Altynbek", FALSE },
  { "Жанболат", "Zhanbolat", FALSE },
  { "Дәурен", "Dauren", FALSE },
  { "Мақсат", "Maksat", FALSE },
  { "Нұргүл", "Nurgul", TRUE },
  { "Шаһизада", "Shakhizada", TRUE },
  { "Ерлан", "Yerlan", FALSE },
  { "Бауыржан", "Bauyrzhan", FALSE },
  { "Гүлмира", "Gulmira", TRUE },
  { "Жұлдыз", "Zhuldyz", TRUE },
  { "Мұхтар", "Mukhtar", FALSE },
};

static const Surname kazakh_surnames[] = {
  { "Сәрсенбаев", "Sarsenbayev", "Сәрсенбаева", "Sarsenbayeva" },
  { "Нұрланұлы", "Nurlanuly", "Нұрланқызы", "Nurlankyzy" },
  { "Серікұлы", "Serikuly", "Серікқызы", "Serikkyzy" },
  { "Қайратұлы", "Kairatuly", "Қайратқызы", "Kairatkyzy" },
  { "Қасымов", "Kassymov", "Қасымова", "Kassymova" },
  { "Ахметов", "Akhmetov", "Ахметова", "Akhmetova" },
  { "Жақсылықов", "Zhaksylykov", "Жақсылықова", "Zhaksylykova" },
  { "Өтебаев", "Otebayev", "Өтебаева", "Otebayeva" },
  { "Мұхамеджанов", "Mukhamedzhanov", "Мұхамеджанова", "Mukhamedzhanova" },
  { "Ғабдуллин", "Gabdullin", "Ғабдуллина", "Gabdullina" },
  { "Шаһмарданов", "Shakhmardanov", "Шаһмарданова", "Shakhmardanova" },
  { "Есенғалиев", "Yessengaliyev", "Есенғалиева", "Yessengaliyeva" },
  { "Тілеуов", "Tileuov", "Тілеуова", "Tileuova" },
  { "Бекболатов", "Bekbolatov", "Бекболатова", "Bekbolatova" },
  { "Үмбетов", "Umbetov", "Үмбетова", "Umbetova" },
};

static const FirstName russian_first_names[] = {
  { "Дмитрий", "Dmitri", FALSE },
  { "Алексей", "Alexei", FALSE },
  { "Сергей", "Sergei", FALSE },
  { "Иван", "Ivan", FALSE },
  { "Андрей", "Andrei", FALSE },
  { "Михаил", "Mikhail", FALSE },
  { "Ольга", "Olga", TRUE },
  { "Мария", "Maria", TRUE },
  { "Наталья", "Natalya", TRUE },
  { "Екатерина", "Yekaterina", TRUE },
  { "Анна", "Anna", TRUE },
  { "Татьяна", "Tatyana", TRUE },
};

static const Surname russian_surnames[] = {
  { "Иванов", "Ivanov", "Иванова", "Ivanova" },
  { "Смирнов", "Smirnov", "Смирнова", "Smirnova" },
  { "Кузнецов", "Kuznetsov", "Кузнецова", "Kuznetsova" },
  { "Попов", "Popov", "Попова", "Popova" },
  { "Соколов", "Sokolov", "Соколова", "Sokolova" },
  { "Лебедев", "Lebedev", "Лебедева", "Lebedeva" },
  { "Морозов", "Morozov", "Морозова", "Morozova" },
  { "Волков", "Volkov", "Волкова", "Volkova" },
  { "Новиков", "Novikov", "Новикова", "Novikova" },
  { "Фёдоров", "Fyodorov", "Фёдорова", "Fyodorova" },
  { "Белов", "Belov", "Белова", "Belova" },
  { "Орлов", "Orlov", "Орлова", "Orlova" },
};

typedef struct
{
  const char *latin;
  const char *cyrillic;
} City;

static const City kazakh_cities[] = {
  { "Almaty", "Алматы" },
  { "Astana", "Астана" },
  { "Shymkent", "Шымкент" },
  { "Oral", "Орал" },
  { "Aktobe", "Ақтөбе" },
  { "Atyrau", "Атырау" },
  { "Karaganda", "Қарағанды" },
  { "Zhanaozen", "Жаңаөзен" },
  { "Taraz", "Тараз" },
  { "Semey", "Семей" },
  { "Oskemen", "Өскемен" },
  { "Kyzylorda", "Қызылорда" },
  { "Pavlodar", "Павлодар" },
  { "Turkistan", "Түркістан" },
};

static const City russian_cities[] = {
  { "Moscow", "Москва" },
  { "Saint Petersburg", "Санкт-Петербург" },
  { "Yekaterinburg", "Екатеринбург" },
  { "Kazan", "Казань" },
  { "Novosibirsk", "Новосибирск" },
  { "Ufa", "Уфа" },
  { "Krasnodar", "Краснодар" },
  { "Omsk", "Омск" },
  { "Orenburg", "Оренбург" },
  { "Astrakhan", "Астрахань" },
};

typedef struct
{
  const char *value;
  guint       weight;
} Weighted;

static const Weighted case_roles[] = {
  { "activist", 20 }, { "civic-activist", 20 }, { "human-rights-defender", 8 },
  { "journalist", 12 }, { "blogger", 12 }, { "trade-unionist", 5 }, { "lawyer", 3 },
  { "politician", 6 }, { "religious-believer", 10 }, { "other", 3 }, { "", 1 },
};

static const Weighted case_statuses[] = {
  { "detained", 12 }, { "under-investigation", 10 }, { "on-trial", 10 }, { "imprisoned", 25 },
  { "restricted-freedom", 12 }, { "suspended-sentence", 8 }, { "forced-psychiatric-treatment", 2 },
  { "exile", 4 }, { "extradition-risk", 3 }, { "released", 10 }, { "acquitted", 2 }, { "other", 2 },
};

static const Weighted event_kinds[] = {
  { "search", 6 }, { "charge", 8 }, { "preventive-measure", 10 }, { "hearing", 30 },
  { "verdict", 6 }, { "sentence", 5 }, { "appeal", 8 }, { "transfer", 6 },
  { "hunger-strike", 2 }, { "health", 5 }, { "release", 3 }, { "recognition", 3 }, { "other", 8 },
};

static const Weighted channels[] = {
  { "letter", 35 }, { "email", 30 }, { "fax", 5 }, { "phone", 3 }, { "social-media", 12 },
  { "petition", 10 }, { "solidarity-card", 4 }, { "meeting", 1 },
};

static const Weighted action_states[] = {
  { "drafted", 4 }, { "sent", 78 }, { "replied", 6 }, { "returned", 12 },
};

static const Weighted signatures[] = {
  { "full-name", 70 }, { "initials", 15 }, { "pseudonym", 5 }, { "group", 10 },
};

typedef struct
{
  const char *article;
  const char *parts[3];
  const char *description_en;
  const char *description_ru;
} Article;

static const Article kazakh_articles[] = {
  { "174", { "1", "2", NULL },
    "Inciting social, national, clan, racial, class or religious discord",
    "Возбуждение социальной, национальной, родовой, расовой, сословной или религиозной розни" },
  { "274", { "1", "2(2)", "4(2)" },
    "Dissemination of knowingly false information",
    "Распространение заведомо ложной информации" },
  { "405", { "1", "2", NULL },
    "Organising or taking part in the activities of an association banned as extremist",
    "Организация или участие в деятельности общественного объединения, запрещённого как экстремистское" },
  { "272", { "1", "2", NULL },
    "Mass riots",
    "Массовые беспорядки" },
};

static const Article russian_articles[] = {
  { "207.3", { "1", "2(д)", NULL },
    "Public dissemination of knowingly false information about the armed forces",
    "Публичное распространение заведомо ложной информации об использовании Вооружённых сил" },
  { "280.3", { "1", NULL, NULL },
    "Repeated discrediting of the armed forces",
    "Повторная дискредитация Вооружённых сил" },
  { "282.2", { "1", "2", NULL },
    "Organising or taking part in the activities of an extremist organisation",
    "Организация деятельности экстремистской организации или участие в ней" },
};

static const struct {
  const char *kind;
  const char *en;
  const char *ru;
} event_titles[] = {
  { "arrest", "Detained by police in %s", "Задержание в городе %s" },
  { "search", "Home searched in %s", "Обыск дома, %s" },
  { "charge", "Charged by the investigator in %s", "Предъявлено обвинение, %s" },
  { "preventive-measure", "Court in %s orders two months in pre-trial detention", "Суд (%s) избрал меру пресечения" },
  { "hearing", "Hearing at the court in %s", "Судебное заседание, %s" },
  { "verdict", "Verdict announced in %s", "Оглашён приговор, %s" },
  { "sentence", "Sentenced in %s", "Назначено наказание, %s" },
  { "appeal", "Appeal heard by the regional court in %s", "Апелляция в областном суде, %s" },
  { "transfer", "Transferred to a prison colony near %s", "Этапирован в колонию под городом %s" },
  { "hunger-strike", "Hunger strike in detention in %s", "Голодовка в СИЗО, %s" },
  { "health", "Health worsened in detention in %s", "Ухудшение здоровья под стражей, %s" },
  { "release", "Released in %s", "Освобождение, %s" },
  { "recognition", "Recognised as a prisoner of conscience", "Признан(а) узником совести" },
  { "other", "Statement by the family in %s", "Заявление семьи, %s" },
};

static const char * const health_concerns[] = {
  "Diabetes; insulin not given regularly in detention",
  "High blood pressure, no access to a cardiologist",
  "Was beaten during the arrest; injuries not documented",
  "Хронический бронхит, ухудшение в СИЗО",
  "Lost 12 kg during a hunger strike",
};

static const char * const case_tags[] = {
  "freedom-of-expression", "qantar-2022", "peaceful-assembly", "religious-freedom",
  "torture", "fair-trial", "war-censorship", "prisoner-of-conscience",
};

static const char * const volunteers[] = {
  "Anna Schmidt", "Jonas Müller", "Sophie de Vries", "Lukas Fischer", "Marie Dubois",
  "Pieter Jansen", "Claire Moreau", "Tomasz Nowak", "Ewa Kowalska", "Ingrid Lindqvist",
  "Nils Berg", "Lena Haugen", "Johan Van den Broeck", "Amélie Laurent", "Marek Dvořák",
  "Ольга Петрова", "Сәуле Жүнісова", "Дина Ким", "Katarzyna Wiśniewska", "Mateo García",
  "Hanna Virtanen", "Jakob Steiner", "Éloïse Martin", "Ruth Cohen", "Tom O’Neill",
};

static const char * const volunteer_groups[] = {
  "Amnesty Group Berlin-Mitte", "Amnesty Groep Utrecht", "Groupe 127 Lyon",
  "Casework team Central Asia", "Urgent Action Network Wien", "Grupa Kraków",
  "Hochschulgruppe Leipzig", "Группа поддержки Алматы",
};

/* Who "mine" actions are signed by: the person using the app. */
static const char my_name[] = "Ainur Bekova";

typedef struct
{
  const char *office;
  const char *organisation;
  const char *salutation;
  const char *language;
  const char *domain;
  gboolean    russia;
} Office;

static const Office offices[] = {
  { "Prosecutor General", "General Prosecutor’s Office of the Republic of Kazakhstan",
    "Dear Prosecutor General", "ru", "prokuror.example.kz", FALSE },
  { "President", "Office of the President of the Republic of Kazakhstan",
    "Dear President", "kk", "akorda.example.kz", FALSE },
  { "Minister of Internal Affairs", "Ministry of Internal Affairs of the Republic of Kazakhstan",
    "Dear Minister", "ru", "mvd.example.kz", FALSE },
  { "Minister of Justice", "Ministry of Justice of the Republic of Kazakhstan",
    "Dear Minister", "kk", "adilet.example.kz", FALSE },
  { "Commissioner for Human Rights", "Office of the Ombudsperson of Kazakhstan",
    "Уважаемый Уполномоченный", "ru", "ombudsman.example.kz", FALSE },
  { "Chair of the City Court", "Almaty City Court",
    "Уважаемый председатель суда", "ru", "sud.example.kz", FALSE },
  { "Ambassador", "Embassy of the Republic of Kazakhstan in Germany",
    "Your Excellency", "en", "embassy-kz.example.de", FALSE },
  { "Prosecutor General", "Prosecutor General’s Office of the Russian Federation",
    "Dear Prosecutor General", "ru", "genproc.example.ru", TRUE },
  { "Director", "Federal Penitentiary Service of Russia",
    "Уважаемый директор", "ru", "fsin.example.ru", TRUE },
  { "High Commissioner for Human Rights", "Office of the Human Rights Commissioner of the Russian Federation",
    "Dear High Commissioner", "ru", "ombudsmanrf.example.ru", TRUE },
  { "Head of penal colony", "Penal colony No. 2, Federal Penitentiary Service",
    "Уважаемый начальник колонии", "ru", "ik2.example.ru", TRUE },
  { "Ambassador", "Embassy of the Russian Federation in the Netherlands",
    "Your Excellency", "en", "embassy-ru.example.nl", TRUE },
};

static const char * const streets[] = {
  "Kabanbay Batyr Ave", "Abai Ave", "Dostyk Ave", "ул. Сейфуллина", "Beybitshilik St",
  "ul. Bolshaya Dmitrovka", "Zhitnaya St", "ул. Тверская",
};

static const char * const ua_headlines[] = {
  "Activist detained for social media posts: %s",
  "Journalist faces prison for reporting on protests: %s",
  "Release prisoner of conscience %s",
  "Health concerns for detained blogger %s",
  "Trade unionist sentenced after strike: %s",
  "Освободите %s",
  "Torture allegations must be investigated: %s",
};

static const char * const key_points[] = {
  "Release them immediately and unconditionally",
  "Ensure access to a lawyer of their choice",
  "Ensure access to adequate medical care",
  "Investigate the allegations of torture",
  "Drop all charges based solely on peaceful expression",
  "Обеспечьте доступ к адвокату",
};

/* ---- generator state ---- */

typedef struct
{
  char    *id;
  char    *reference;
  char    *case_name;
  guint32  issued;     /* Julian days */
  guint32  deadline;
  guint    targets[4]; /* indexes into Generator.target_ids */
  guint    n_targets;
} UaInfo;

typedef struct
{
  DossierStore *store;
  GRand        *rand;
  gint64        start_usec;
  gint64        last_progress_usec;
  guint32       first_day;
  guint32       last_day;
  guint32       today;

  /* What later records refer to; small next to the actions. */
  GPtrArray    *case_ids;
  GArray       *case_arrests;   /* guint32 per case: Julian day of arrest */
  GArray       *case_last_ua;   /* gint per case: index of its latest UA, or -1 */
  GArray       *case_in_russia; /* gboolean per case */
  GPtrArray    *case_names;
  GPtrArray    *target_ids;
  GArray       *uas;            /* UaInfo */
  char         *feed_id;

  guint64       n_charges;
  guint64       n_records;
  /* with --volunteers: that many, each in one group of a tenth as many */
  guint         n_volunteers;
} Generator;

typedef struct
{
  char     *native;   /* in the person's own Cyrillic: Kazakh for Kazakh names */
  char     *latin;
  char     *russian;  /* a Kazakh name as Russian spelling writes it; NULL when the same */
  gboolean  kazakh;
  gboolean  female;
} PersonName;

static void
ua_info_clear (gpointer data)
{
  UaInfo *ua = data;

  g_free (ua->id);
  g_free (ua->reference);
  g_free (ua->case_name);
}

static void
person_name_clear (PersonName *name)
{
  g_clear_pointer (&name->native, g_free);
  g_clear_pointer (&name->latin, g_free);
  g_clear_pointer (&name->russian, g_free);
}

/* ---- random helpers ---- */

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])
#define PICK_WEIGHTED(rand, array) pick_weighted ((rand), (array), G_N_ELEMENTS (array))

static const char *
pick_weighted (GRand          *rand,
               const Weighted *items,
               guint           n_items)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n_items; i++)
    total += items[i].weight;
  r = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < n_items; i++)
    {
      if (r < items[i].weight)
        return items[i].value;
      r -= items[i].weight;
    }
  g_assert_not_reached ();
}

/* An integer in [lo, hi], both included. */
static guint32
rand_between (GRand   *rand,
              guint32  lo,
              guint32  hi)
{
  if (hi <= lo)
    return lo;
  return lo + (guint32) g_rand_int_range (rand, 0, (gint32) (hi - lo + 1));
}

/* MIN() would draw a random argument twice. */
static guint32
at_most (guint32 value,
         guint32 limit)
{
  return value < limit ? value : limit;
}

static gboolean
chance (GRand  *rand,
        double  probability)
{
  return g_rand_double (rand) < probability;
}

/* A version-4 UUID drawn from @rand rather than from the system, so that
 * one seed gives the same ids every time. */
static void
set_random_id (GRand         *rand,
               DossierRecord *record)
{
  guint32 a = g_rand_int (rand);
  guint32 b = g_rand_int (rand);
  guint32 c = g_rand_int (rand);
  guint32 d = g_rand_int (rand);
  char id[37];

  g_snprintf (id, sizeof id, "%08x-%04x-4%03x-%04x-%04x%08x",
              a, b >> 16, b & 0xfff, ((c >> 16) & 0x3fff) | 0x8000, c & 0xffff, d);
  dossier_record_set_id (record, id);
}

/* ---- dates ---- */

static guint32
julian_from_ymd (int year,
                 int month,
                 int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&date);
}

static int
year_of (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return g_date_get_year (&date);
}

/* "YYYY-MM-DD" */
static void
format_date (guint32 julian,
             char     out[11])
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_snprintf (out, 11, "%04d-%02d-%02d",
              (int) g_date_get_year (&date), (int) g_date_get_month (&date),
              (int) g_date_get_day (&date));
}

/* "YYYY-MM-DDTHH:MM:SS.mmmZ", at a random time of @julian. */
static void
format_time (GRand   *rand,
             guint32  julian,
             char     out[25])
{
  char date[11];
  guint32 seconds = rand_between (rand, 6 * 3600, 22 * 3600);

  format_date (julian, date);
  g_snprintf (out, 25, "%sT%02u:%02u:%02u.%03uZ", date,
              seconds / 3600, (seconds / 60) % 60, seconds % 60,
              rand_between (rand, 0, 999));
}

/* Records keep the times they come with; give them ones near their own
 * dates rather than the moment of generation. */
static void
set_times (Generator     *gen,
           DossierRecord *record,
           guint32        created,
           guint32        updated)
{
  char created_at[25];
  char updated_at[25];

  format_time (gen->rand, created, created_at);
  dossier_record_set_created_at (record, created_at);
  if (updated > created)
    {
      format_time (gen->rand, updated, updated_at);
      dossier_record_set_updated_at (record, updated_at);
    }
  else
    dossier_record_set_updated_at (record, created_at);
}

/* ---- names ---- */

/* Kazakh letters as Russian spelling writes them: Нұрланқызы → Нурланкызы. */
static char *
kazakh_to_russian (const char *text)
{
  static const gunichar map[][2] = {
    { 0x04D9, 0x0430 }, { 0x04D8, 0x0410 }, /* ә → а */
    { 0x0493, 0x0433 }, { 0x0492, 0x0413 }, /* ғ → г */
    { 0x049B, 0x043A }, { 0x049A, 0x041A }, /* қ → к */
    { 0x04A3, 0x043D }, { 0x04A2, 0x041D }, /* ң → н */
    { 0x04E9, 0x043E }, { 0x04E8, 0x041E }, /* ө → о */
    { 0x04B1, 0x0443 }, { 0x04B0, 0x0423 }, /* ұ → у */
    { 0x04AF, 0x0443 }, { 0x04AE, 0x0423 }, /* ү → у */
    { 0x04BB, 0x0445 }, { 0x04BA, 0x0425 }, /* һ → х */
    { 0x0456, 0x0438 }, { 0x0406, 0x0418 }, /* і → и */
  };
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      for (guint i = 0; i < G_N_ELEMENTS (map); i++)
        if (map[i][0] == c)
          {
            c = map[i][1];
            break;
          }
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
make_person_name (GRand      *rand,
                  gboolean    kazakh,
                  PersonName *name)
{
  const FirstName *first;
  const Surname *last;

  if (kazakh)
    {
      first = &PICK (rand, kazakh_first_names);
      last = &PICK (rand, kazakh_surnames);
    }
  else
    {
      first = &PICK (rand, russian_first_names);
      last = &PICK (rand, russian_surnames);
    }

  name->kazakh = kazakh;
  name->female = first->female;
  name->native = g_strdup_printf ("%s %s", first->cyrillic,
                                  first->female ? last->cyrillic_f : last->cyrillic_m);
  name->latin = g_strdup_printf ("%s %s", first->latin,
                                 first->female ? last->latin_f : last->latin_m);
  name->russian = NULL;
  if (kazakh)
    {
      name->russian = kazakh_to_russian (name->native);
      if (g_str_equal (name->russian, name->native))
        g_clear_pointer (&name->russian, g_free);
    }
}

/* ---- writing ---- */

static void
report_progress (Generator  *gen,
                 const char *what,
                 guint       done,
                 guint       total)
{
  gint64 now = g_get_monotonic_time ();
  double elapsed;

  if (done < total && now - gen->last_progress_usec < PROGRESS_INTERVAL_USEC)
    return;
  gen->last_progress_usec = now;
  elapsed = (now - gen->start_usec) / (double) G_USEC_PER_SEC;
  g_printerr ("  %s: %u/%u (%.1f s, %.0f records/s so far)\n", what, done, total,
              elapsed, elapsed > 0 ? gen->n_records / elapsed : 0.0);
}

static gboolean
create_record (Generator      *gen,
               gpointer        record,
               const char     *what,
               guint           index,
               GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!dossier_store_create (gen->store, DOSSIER_RECORD (record), &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "Could not add %s %u: %s", what, index, local_error->message);
      return FALSE;
    }
  gen->n_records++;
  return TRUE;
}

static gboolean
generate_charges (Generator   *gen,
                  guint        case_index,
                  const char  *case_id,
                  guint32      arrest,
                  gboolean     in_russia,
                  gboolean     latin_text,
                  GError     **error)
{
  const Article *articles = in_russia ? russian_articles : kazakh_articles;
  guint n_articles = in_russia ? G_N_ELEMENTS (russian_articles) : G_N_ELEMENTS (kazakh_articles);
  guint n = rand_between (gen->rand, 1, MIN (3, n_articles));
  guint first = g_rand_int_range (gen->rand, 0, n_articles);

  for (guint i = 0; i < n; i++)
    {
      /* distinct articles, in a row from a random first one */
      const Article *article = &articles[(first + i) % n_articles];
      g_autoptr(DossierCharge) charge = dossier_charge_new ();
      DossierRecord *record = DOSSIER_RECORD (charge);
      guint n_parts = 0;

      while (n_parts < G_N_ELEMENTS (article->parts) && article->parts[n_parts])
        n_parts++;

      set_random_id (gen->rand, record);
      set_times (gen, record, arrest, arrest);
      dossier_record_set_string (record, "case-id", case_id);
      dossier_record_set_int (record, "position", i);
      dossier_record_set_string (record, "code",
                                 in_russia ? (latin_text ? "Criminal Code of the Russian Federation" : "УК РФ")
                                           : (latin_text ? "Criminal Code of the Republic of Kazakhstan" : "УК РК"));
      dossier_record_set_string (record, "article", article->article);
      dossier_record_set_string (record, "part", article->parts[g_rand_int_range (gen->rand, 0, n_parts)]);
      dossier_record_set_string (record, "description",
                                 latin_text ? article->description_en : article->description_ru);
      if (!create_record (gen, charge, "charge of case", case_index, error))
        return FALSE;
      gen->n_charges++;
    }
  return TRUE;
}

static gboolean
generate_cases (Generator  *gen,
                guint       n_cases,
                GError    **error)
{
  guint32 last_arrest = julian_from_ymd (LAST_YEAR, 10, 1);

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(DossierCase) kase = dossier_case_new ();
      DossierRecord *record = DOSSIER_RECORD (kase);
      PersonName name = { NULL, };
      g_autoptr(GPtrArray) other_names = g_ptr_array_new ();
      g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) tags = g_ptr_array_new ();
      gboolean kazakh = chance (gen->rand, 0.65);
      gboolean in_russia = kazakh ? chance (gen->rand, 0.05) : chance (gen->rand, 0.7);
      gboolean latin_primary = chance (gen->rand, 0.45);
      const City *city = in_russia ? &PICK (gen->rand, russian_cities) : &PICK (gen->rand, kazakh_cities);
      const char *role = PICK_WEIGHTED (gen->rand, case_roles);
      guint32 arrest = rand_between (gen->rand, gen->first_day, last_arrest);
      char arrest_date[11];
      g_autofree char *summary = NULL;
      guint n_sources;

      make_person_name (gen->rand, kazakh, &name);
      set_random_id (gen->rand, record);
      set_times (gen, record, arrest, rand_between (gen->rand, arrest, gen->today));

      dossier_record_set_string (record, "name", latin_primary ? name.latin : name.native);
      g_ptr_array_add (other_names, latin_primary ? name.native : name.latin);
      if (name.russian)
        g_ptr_array_add (other_names, name.russian);
      g_ptr_array_add (other_names, NULL);
      dossier_record_set_strv (record, "other-names", (const char * const *) other_names->pdata);

      dossier_record_set_string (record, "country", in_russia ? "RU" : "KZ");
      dossier_record_set_string (record, "city", chance (gen->rand, 0.6) ? city->latin : city->cyrillic);
      dossier_record_set_string (record, "role", role);
      dossier_record_set_string (record, "status", PICK_WEIGHTED (gen->rand, case_statuses));

      format_date (arrest, arrest_date);
      if (latin_primary)
        summary = g_strdup_printf ("%s, %s from %s, was detained on %s after criticising the authorities online. "
                                   "The charges appear to stem solely from peaceful expression.",
                                   name.latin, *role ? role : "a person", city->latin, arrest_date);
      else
        summary = g_strdup_printf ("%s (%s) задержан%s %s после публикаций в социальных сетях. "
                                   "Обвинение связано исключительно с мирным выражением мнения.",
                                   name.native, city->cyrillic, name.female ? "а" : "", arrest_date);
      dossier_record_set_string (record, "summary", summary);
      dossier_record_set_boolean (record, "prisoner-of-conscience", chance (gen->rand, 0.3));
      if (chance (gen->rand, 0.15))
        dossier_record_set_string (record, "health-concerns", PICK (gen->rand, health_concerns));

      n_sources = rand_between (gen->rand, 1, 3);
      for (guint s = 0; s < n_sources; s++)
        g_ptr_array_add (sources, g_strdup_printf ("https://news.example.org/%u/%u", i, s));
      g_ptr_array_add (sources, NULL);
      dossier_record_set_strv (record, "sources", (const char * const *) sources->pdata);

      for (guint t = 0; t < G_N_ELEMENTS (case_tags); t++)
        if (chance (gen->rand, 0.15))
          g_ptr_array_add (tags, (gpointer) case_tags[t]);
      g_ptr_array_add (tags, NULL);
      dossier_record_set_strv (record, "tags", (const char * const *) tags->pdata);

      dossier_record_set_boolean (record, "followed", chance (gen->rand, 0.2));
      if (chance (gen->rand, 0.1))
        dossier_record_set_string (record, "notes", "Family asked us not to publish the home address.");

      if (!create_record (gen, kase, "case", i, error) ||
          !generate_charges (gen, i, dossier_record_get_id (record), arrest,
                             in_russia, latin_primary, error))
        {
          person_name_clear (&name);
          return FALSE;
        }

      g_ptr_array_add (gen->case_ids, g_strdup (dossier_record_get_id (record)));
      g_ptr_array_add (gen->case_names, g_strdup (dossier_record_get_string (record, "name")));
      g_array_append_val (gen->case_arrests, arrest);
      g_array_append_val (gen->case_in_russia, in_russia);
      person_name_clear (&name);
      report_progress (gen, "cases", i + 1, n_cases);
    }
  return TRUE;
}

static const char *
status_after (GRand      *rand,
              const char *kind)
{
  if (g_str_equal (kind, "arrest"))
    return "detained";
  if (g_str_equal (kind, "preventive-measure"))
    return chance (rand, 0.7) ? "detained" : "restricted-freedom";
  if (g_str_equal (kind, "charge"))
    return "under-investigation";
  if (g_str_equal (kind, "verdict") || g_str_equal (kind, "sentence"))
    {
      static const Weighted outcomes[] = {
        { "imprisoned", 60 }, { "restricted-freedom", 20 }, { "suspended-sentence", 15 },
        { "forced-psychiatric-treatment", 2 }, { "acquitted", 3 },
      };
      return PICK_WEIGHTED (rand, outcomes);
    }
  if (g_str_equal (kind, "release"))
    return "released";
  return "";
}

static gboolean
generate_events (Generator  *gen,
                 guint       n_events,
                 GError    **error)
{
  guint n_cases = gen->case_ids->len;

  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(DossierCaseEvent) event = dossier_case_event_new ();
      DossierRecord *record = DOSSIER_RECORD (event);
      /* every case starts with its arrest; later events fall after it */
      gboolean arrest = i < n_cases;
      guint case_index = arrest ? i : (guint) g_rand_int_range (gen->rand, 0, n_cases);
      guint32 arrested = g_array_index (gen->case_arrests, guint32, case_index);
      guint32 day = arrest ? arrested : rand_between (gen->rand, arrested, gen->last_day);
      const char *kind = arrest ? "arrest" : PICK_WEIGHTED (gen->rand, event_kinds);
      const City *city = g_array_index (gen->case_in_russia, gboolean, case_index)
                           ? &PICK (gen->rand, russian_cities) : &PICK (gen->rand, kazakh_cities);
      const char *title_format = NULL;
      gboolean latin = chance (gen->rand, 0.5);
      char date[11];
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;
      g_autofree char *source = NULL;

      set_random_id (gen->rand, record);
      set_times (gen, record, day, day);
      format_date (day, date);
      dossier_record_set_string (record, "case-id", g_ptr_array_index (gen->case_ids, case_index));
      dossier_record_set_string (record, "kind", kind);
      dossier_record_set_string (record, "date", date);
      for (guint k = 0; k < G_N_ELEMENTS (event_titles); k++)
        if (g_str_equal (event_titles[k].kind, kind))
          title_format = latin ? event_titles[k].en : event_titles[k].ru;
      g_assert (title_format != NULL);
      if (strstr (title_format, "%s"))
        title = g_strdup_printf (title_format, latin ? city->latin : city->cyrillic);
      else
        title = g_strdup (title_format);
      dossier_record_set_string (record, "title", title);
      text = g_strdup_printf ("Reported on %s by the family and the lawyer. "
                              "Сообщили родственники и адвокат.", date);
      dossier_record_set_string (record, "text", text);
      source = g_strdup_printf ("https://news.example.org/events/%u", i);
      dossier_record_set_string (record, "source", source);
      dossier_record_set_string (record, "new-status", status_after (gen->rand, kind));

      if (!create_record (gen, event, "case event", i, error))
        return FALSE;
      report_progress (gen, "events", i + 1, n_events);
    }
  return TRUE;
}

static gboolean
generate_targets (Generator  *gen,
                  guint       n_targets,
                  GError    **error)
{
  for (guint i = 0; i < n_targets; i++)
    {
      g_autoptr(DossierTarget) target = dossier_target_new ();
      DossierRecord *record = DOSSIER_RECORD (target);
      const Office *office = &offices[i % G_N_ELEMENTS (offices)];
      const City *city = office->russia ? &russian_cities[0] : &kazakh_cities[1];
      PersonName name = { NULL, };
      g_autofree char *email = NULL;
      g_autofree char *address = NULL;
      g_autofree char *phone = NULL;

      make_person_name (gen->rand, !office->russia, &name);
      set_random_id (gen->rand, record);
      set_times (gen, record, gen->first_day, gen->first_day);
      dossier_record_set_string (record, "name", chance (gen->rand, 0.5) ? name.native : name.latin);
      dossier_record_set_string (record, "office", office->office);
      dossier_record_set_string (record, "organisation", office->organisation);
      address = g_strdup_printf ("%s %u, %s %06u, %s", PICK (gen->rand, streets),
                                 rand_between (gen->rand, 1, 120), city->latin,
                                 rand_between (gen->rand, 10000, 199999),
                                 office->russia ? "Russia" : "Kazakhstan");
      dossier_record_set_string (record, "address", address);
      email = g_strdup_printf ("reception%u@%s", i, office->domain);
      dossier_record_set_string (record, "email", email);
      phone = g_strdup_printf ("+7 %03u %03u %02u %02u", rand_between (gen->rand, 700, 799),
                               rand_between (gen->rand, 100, 999), rand_between (gen->rand, 10, 99),
                               rand_between (gen->rand, 10, 99));
      dossier_record_set_string (record, "phone", phone);
      if (chance (gen->rand, 0.3))
        {
          g_autofree char *form = g_strdup_printf ("https://%s/appeal", office->domain);
          dossier_record_set_string (record, "web-form", form);
        }
      dossier_record_set_string (record, "salutation", office->salutation);
      dossier_record_set_string (record, "language", office->language);
      dossier_record_set_string (record, "country", office->russia ? "RU" : "KZ");
      person_name_clear (&name);

      if (!create_record (gen, target, "target", i, error))
        return FALSE;
      g_ptr_array_add (gen->target_ids, g_strdup (dossier_record_get_id (record)));
    }
  return TRUE;
}

static gboolean
generate_uas (Generator  *gen,
              guint       n_uas,
              GError    **error)
{
  /* "UA 001/26": numbered from 1 within each year of issue */
  guint per_year[LAST_YEAR - FIRST_YEAR + 2] = { 0, };
  guint32 last_issued = julian_from_ymd (LAST_YEAR, 11, 1);
  guint n_cases = gen->case_ids->len;
  guint n_targets = gen->target_ids->len;

  for (guint i = 0; i < n_uas; i++)
    {
      g_autoptr(DossierUrgentAction) ua = dossier_urgent_action_new ();
      DossierRecord *record = DOSSIER_RECORD (ua);
      UaInfo info = { NULL, };
      guint case_index = g_rand_int_range (gen->rand, 0, n_cases);
      gint previous = g_array_index (gen->case_last_ua, gint, case_index);
      const char *case_ids[3] = { g_ptr_array_index (gen->case_ids, case_index), NULL, NULL };
      const char *target_ids[G_N_ELEMENTS (info.targets) + 1] = { NULL, };
      const char *languages[4] = { "en", "ru", NULL, NULL };
      const char *points[4] = { NULL, };
      const char *hashtags[3] = { NULL, };
      g_autofree char *hashtag = NULL;
      g_autofree char *title = NULL;
      g_autofree char *documents = NULL;
      g_autofree char *slug = NULL;
      g_autofree char *ua_index = NULL;
      guint32 earliest;
      char issued[11];
      char deadline[11];
      gboolean russia;
      int year;

      /* a UA follows the arrest, or the deadline of the case's last UA */
      earliest = g_array_index (gen->case_arrests, guint32, case_index) + 1;
      if (previous >= 0)
        earliest = MAX (earliest, g_array_index (gen->uas, UaInfo, previous).deadline + 1);
      if (earliest + 45 < gen->today && chance (gen->rand, 0.12))
        /* still open: issued in the last weeks */
        info.issued = rand_between (gen->rand, gen->today - 45, gen->today - 1);
      else
        info.issued = rand_between (gen->rand, MIN (earliest, last_issued), MIN (earliest + 90, last_issued));
      info.deadline = info.issued + rand_between (gen->rand, 30, 60);
      year = year_of (info.issued);
      info.reference = g_strdup_printf ("UA %03u/%02d", ++per_year[year - FIRST_YEAR], year % 100);
      info.case_name = g_strdup (g_ptr_array_index (gen->case_names, case_index));

      if (n_cases > 1 && chance (gen->rand, 0.1))
        {
          guint other = g_rand_int_range (gen->rand, 0, n_cases);
          if (other != case_index)
            case_ids[1] = g_ptr_array_index (gen->case_ids, other);
        }

      info.n_targets = at_most (rand_between (gen->rand, 1, G_N_ELEMENTS (info.targets)), n_targets);
      for (guint t = 0; t < info.n_targets; t++)
        {
          /* distinct targets: consecutive ones from a random first */
          if (t == 0)
            info.targets[0] = g_rand_int_range (gen->rand, 0, n_targets);
          else
            info.targets[t] = (info.targets[0] + t) % n_targets;
          target_ids[t] = g_ptr_array_index (gen->target_ids, info.targets[t]);
        }

      set_random_id (gen->rand, record);
      set_times (gen, record, info.issued, MIN (info.deadline, gen->today));
      info.id = g_strdup (dossier_record_get_id (record));

      format_date (info.issued, issued);
      format_date (info.deadline, deadline);
      russia = g_array_index (gen->case_in_russia, gboolean, case_index);
      ua_index = g_strdup_printf ("EUR %s/%04u/%d", russia ? "46" : "57",
                                  rand_between (gen->rand, 1000, 9999), year);
      title = g_strdup_printf (PICK (gen->rand, ua_headlines), info.case_name);
      slug = g_strdup_printf ("%03u-%02d", per_year[year - FIRST_YEAR], year % 100);
      documents = g_strdup_printf ("{\"en\": \"https://ua.example.org/%s-en.pdf\", "
                                   "\"ru\": \"https://ua.example.org/%s-ru.pdf\"}", slug, slug);
      dossier_record_set_string (record, "reference", info.reference);
      dossier_record_set_string (record, "ua-index", ua_index);
      dossier_record_set_string (record, "title", title);
      dossier_record_set_strv (record, "case-ids", case_ids);
      dossier_record_set_string (record, "issued", issued);
      dossier_record_set_string (record, "deadline", deadline);
      if (previous >= 0 && chance (gen->rand, 0.6))
        {
          dossier_record_set_string (record, "follows-id", g_array_index (gen->uas, UaInfo, previous).id);
          dossier_record_set_string (record, "status", info.deadline >= gen->today ? "open" : "follow-up");
        }
      else
        dossier_record_set_string (record, "status", info.deadline >= gen->today ? "open" : "closed");

      points[0] = PICK (gen->rand, key_points);
      points[1] = PICK (gen->rand, key_points);
      if (points[1] == points[0])
        points[1] = NULL;
      dossier_record_set_strv (record, "key-points", points);
      if (!russia)
        languages[2] = "kk";
      dossier_record_set_strv (record, "languages", languages);
      dossier_record_set_string (record, "documents", documents);
      hashtag = g_strdup_printf ("#UA%s", slug);
      hashtags[0] = russia ? "#Russia" : "#Kazakhstan";
      hashtags[1] = hashtag;
      dossier_record_set_strv (record, "hashtags", hashtags);
      dossier_record_set_int (record, "goal", 50 * rand_between (gen->rand, 2, 40));
      dossier_record_set_strv (record, "target-ids", target_ids);

      if (!create_record (gen, ua, "urgent action", i, error))
        {
          ua_info_clear (&info);
          return FALSE;
        }
      g_array_append_val (gen->uas, info);
      g_array_index (gen->case_last_ua, gint, case_index) = gen->uas->len - 1;
    }
  return TRUE;
}

static gboolean
generate_actions (Generator  *gen,
                  guint       n_actions,
                  GError    **error)
{
  guint n_uas = gen->uas->len;

  for (guint i = 0; i < n_actions; i++)
    {
      g_autoptr(DossierAction) action = dossier_action_new ();
      DossierRecord *record = DOSSIER_RECORD (action);
      /* a few UAs draw most of the letters */
      double r = g_rand_double (gen->rand);
      const UaInfo *ua = &g_array_index (gen->uas, UaInfo, MIN ((guint) (r * r * n_uas), n_uas - 1));
      guint32 day = at_most (rand_between (gen->rand, ua->issued, ua->deadline + 30), gen->today);
      guint32 updated = day;
      const char *channel = PICK_WEIGHTED (gen->rand, channels);
      const char *state = PICK_WEIGHTED (gen->rand, action_states);
      const char *group = chance (gen->rand, 0.7) ? PICK (gen->rand, volunteer_groups) : "";
      char volunteer_name[32], volunteer_group[32];
      const char *signature = PICK_WEIGHTED (gen->rand, signatures);
      gboolean mine = chance (gen->rand, 0.1);
      char date[11];
      double cost = 0;

      set_random_id (gen->rand, record);
      format_date (day, date);
      dossier_record_set_string (record, "ua-id", ua->id);
      if (ua->n_targets > 0)
        dossier_record_set_string (record, "target-id",
                                   g_ptr_array_index (gen->target_ids,
                                                      ua->targets[g_rand_int_range (gen->rand, 0, ua->n_targets)]));
      dossier_record_set_string (record, "channel", channel);
      dossier_record_set_string (record, "date", date);
      if (gen->n_volunteers > 0 && !mine)
        {
          guint v = g_rand_int_range (gen->rand, 0, gen->n_volunteers);
          guint n_groups = MAX (gen->n_volunteers / 10, 1);

          g_snprintf (volunteer_name, sizeof volunteer_name, "Volunteer %04u", v);
          /* one in ten in no group */
          g_snprintf (volunteer_group, sizeof volunteer_group, "Group %03u", v % n_groups);
          group = v % 10 == 9 ? "" : volunteer_group;
        }
      if (mine)
        dossier_record_set_string (record, "volunteer", my_name);
      else if (gen->n_volunteers > 0)
        dossier_record_set_string (record, "volunteer", volunteer_name);
      else
        dossier_record_set_string (record, "volunteer", PICK (gen->rand, volunteers));
      dossier_record_set_string (record, "volunteer-group", group);
      dossier_record_set_boolean (record, "mine", mine);
      dossier_record_set_string (record, "state", state);

      if (g_str_equal (state, "replied"))
        {
          char reply_date[11];

          updated = at_most (day + rand_between (gen->rand, 14, 120), gen->today);
          format_date (updated, reply_date);
          dossier_record_set_string (record, "reply-date", reply_date);
          dossier_record_set_string (record, "reply-text",
                                     chance (gen->rand, 0.5)
                                       ? "Ваше обращение рассмотрено. Нарушений закона не выявлено."
                                       : "Your appeal has been forwarded to the competent authority.");
        }
      else if (g_str_equal (state, "returned"))
        dossier_record_set_string (record, "notes", "Returned: addressee unknown / адресат не найден");

      if (g_str_equal (channel, "letter"))
        cost = chance (gen->rand, 0.8) ? 1.80 : 3.70;
      else if (g_str_equal (channel, "solidarity-card"))
        cost = 1.10;
      else if (g_str_equal (channel, "fax"))
        cost = 0.50;
      dossier_record_set_double (record, "cost", cost);

      if (mine && (g_str_equal (channel, "letter") || g_str_equal (channel, "email")))
        {
          g_autofree char *letter = g_strdup_printf ("Dear Sir or Madam,\n\n"
                                                     "I am writing to express my concern about %s (%s). "
                                                     "I urge you to release them immediately and unconditionally, "
                                                     "and to ensure that they have access to a lawyer of their "
                                                     "choice and to adequate medical care.\n\n"
                                                     "Yours sincerely,\n%s",
                                                     ua->case_name, ua->reference, my_name);
          dossier_record_set_string (record, "letter-text", letter);
        }
      dossier_record_set_string (record, "signature",
                                 (*group == '\0' && g_str_equal (signature, "group")) ? "full-name" : signature);
      set_times (gen, record, day, updated);

      if (!create_record (gen, action, "action", i, error))
        return FALSE;
      report_progress (gen, "actions", i + 1, n_actions);
    }
  return TRUE;
}

static gboolean
generate_feed (Generator  *gen,
               guint       n_items,
               GError    **error)
{
  g_autoptr(DossierFeed) feed = dossier_feed_new ();
  guint n_cases = gen->case_ids->len;
  guint n_uas = gen->uas->len;
  char last_fetch[25];

  set_random_id (gen->rand, DOSSIER_RECORD (feed));
  set_times (gen, DOSSIER_RECORD (feed), gen->first_day, gen->today);
  dossier_record_set_string (DOSSIER_RECORD (feed), "url", "https://ua.example.org/feed.json");
  dossier_record_set_string (DOSSIER_RECORD (feed), "title", "Urgent actions: Central Asia (synthetic)");
  dossier_record_set_string (DOSSIER_RECORD (feed), "format", "json");
  format_time (gen->rand, gen->today, last_fetch);
  dossier_record_set_string (DOSSIER_RECORD (feed), "last-fetch", last_fetch);
  dossier_record_set_string (DOSSIER_RECORD (feed), "last-result", "ok");
  if (!create_record (gen, feed, "feed", 0, error))
    return FALSE;
  gen->feed_id = g_strdup (dossier_record_get_id (DOSSIER_RECORD (feed)));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DossierFeedItem) item = dossier_feed_item_new ();
      DossierRecord *record = DOSSIER_RECORD (item);
      guint32 day = rand_between (gen->rand, gen->first_day, gen->last_day);
      char published[25];
      g_autofree char *guid = NULL;
      g_autofree char *title = NULL;
      g_autofree char *content = NULL;
      const char *case_name = NULL;

      set_random_id (gen->rand, record);
      set_times (gen, record, day, day);
      dossier_record_set_string (record, "feed-id", gen->feed_id);
      guid = g_strdup_printf ("https://ua.example.org/items/%u", i);
      dossier_record_set_string (record, "guid", guid);
      dossier_record_set_string (record, "link", guid);
      format_time (gen->rand, day, published);
      dossier_record_set_string (record, "published", published);
      if (chance (gen->rand, 0.1))
        {
          char modified[25];

          format_time (gen->rand, at_most (day + rand_between (gen->rand, 1, 10), gen->last_day), modified);
          if (strcmp (modified, published) > 0)
            dossier_record_set_string (record, "modified", modified);
        }
      if (n_cases > 0 && chance (gen->rand, 0.4))
        {
          guint c = g_rand_int_range (gen->rand, 0, n_cases);

          dossier_record_set_string (record, "case-id", g_ptr_array_index (gen->case_ids, c));
          case_name = g_ptr_array_index (gen->case_names, c);
        }
      if (n_uas > 0 && chance (gen->rand, 0.3))
        dossier_record_set_string (record, "ua-id",
                                   g_array_index (gen->uas, UaInfo, g_rand_int_range (gen->rand, 0, n_uas)).id);
      title = g_strdup_printf ("Update: %s", case_name ? case_name : "Central Asia casework");
      dossier_record_set_string (record, "title", title);
      content = g_strdup_printf ("<p>%s — новости по делу, %s.</p>", title, published);
      dossier_record_set_string (record, "content", content);
      dossier_record_set_boolean (record, "read", chance (gen->rand, 0.7));
      dossier_record_set_boolean (record, "starred", chance (gen->rand, 0.03));

      if (!create_record (gen, item, "feed item", i, error))
        return FALSE;
      report_progress (gen, "feed items", i + 1, n_items);
    }
  return TRUE;
}

static gboolean
store_is_empty (DossierStore  *store,
                gboolean      *empty,
                GError       **error)
{
  const GType *kinds;
  guint n_kinds;

  kinds = dossier_store_kinds (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      g_autoptr(DossierQuery) query = dossier_query_new (kinds[i]);
      gint64 n = dossier_store_count (store, query, error);

      if (n < 0)
        return FALSE;
      if (n > 0)
        {
          *empty = FALSE;
          return TRUE;
        }
    }
  *empty = TRUE;
  return TRUE;
}

static gboolean
check_count (const char *option,
             int         value)
{
  if (value >= 0)
    return TRUE;
  g_printerr ("dossier-generate: %s must be 0 or more, not %d\n", option, value);
  return FALSE;
}

static void
generator_clear (Generator *gen)
{
  g_clear_object (&gen->store);
  g_clear_pointer (&gen->rand, g_rand_free);
  g_clear_pointer (&gen->case_ids, g_ptr_array_unref);
  g_clear_pointer (&gen->case_arrests, g_array_unref);
  g_clear_pointer (&gen->case_last_ua, g_array_unref);
  g_clear_pointer (&gen->case_in_russia, g_array_unref);
  g_clear_pointer (&gen->case_names, g_ptr_array_unref);
  g_clear_pointer (&gen->target_ids, g_ptr_array_unref);
  g_clear_pointer (&gen->uas, g_array_unref);
  g_clear_pointer (&gen->feed_id, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *path = NULL;
  int n_cases = 100;
  int n_events = 1000;
  int n_actions = 10000;
  int n_feed_items = 1000;
  int n_uas = 50;
  int n_targets = 40;
  int n_volunteers = 0;
  gint64 seed = 1;
  const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, "Profile folder of the store to fill (required)", "DIR" },
    { "cases", 0, 0, G_OPTION_ARG_INT, &n_cases, "Cases to create (100); each gets 1 to 3 charges", "N" },
    { "events", 0, 0, G_OPTION_ARG_INT, &n_events, "Case events to create (1000)", "N" },
    { "actions", 0, 0, G_OPTION_ARG_INT, &n_actions, "Actions to create (10000)", "N" },
    { "feed-items", 0, 0, G_OPTION_ARG_INT, &n_feed_items, "Items of the one feed (1000)", "N" },
    { "uas", 0, 0, G_OPTION_ARG_INT, &n_uas, "Urgent actions to create (50)", "N" },
    { "targets", 0, 0, G_OPTION_ARG_INT, &n_targets, "Targets to create (40)", "N" },
    { "volunteers", 0, 0, G_OPTION_ARG_INT, &n_volunteers,
      "Other volunteers the actions come from, each in one group of a tenth as many (0: 25 named ones)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the random numbers (1); one seed, one store", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Generator gen = { NULL, };
  gboolean empty = FALSE;
  gint64 insert_usec, commit_usec, close_usec;
  double seconds;
  guint64 n_records;

  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Fills an empty Dossier store with synthetic cases, charges, events, targets, "
                                "urgent actions, actions and feed items, in one transaction. "
                                "The same seed and counts always give the same records.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("dossier-generate: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr ("dossier-generate: unexpected argument “%s”\n", argv[1]);
      return EXIT_USAGE;
    }
  if (data_dir == NULL || *data_dir == '\0')
    {
      g_printerr ("dossier-generate: --data-dir DIR is required (see --help)\n");
      return EXIT_USAGE;
    }
  if (!check_count ("--cases", n_cases) || !check_count ("--events", n_events) ||
      !check_count ("--actions", n_actions) || !check_count ("--feed-items", n_feed_items) ||
      !check_count ("--uas", n_uas) || !check_count ("--targets", n_targets) ||
      !check_count ("--volunteers", n_volunteers))
    return EXIT_USAGE;
  if (seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr ("dossier-generate: --seed must be between 0 and %u\n", G_MAXUINT32);
      return EXIT_USAGE;
    }
  if (n_cases == 0 && (n_events > 0 || n_uas > 0))
    {
      g_printerr ("dossier-generate: events and urgent actions belong to cases: give --cases 1 or more\n");
      return EXIT_USAGE;
    }
  if (n_uas == 0 && n_actions > 0)
    {
      g_printerr ("dossier-generate: actions belong to urgent actions: give --uas 1 or more\n");
      return EXIT_USAGE;
    }

  path = dossier_store_default_path (data_dir);
  gen.store = dossier_store_open (path, &error);
  if (gen.store == NULL)
    {
      g_printerr ("dossier-generate: could not open the store: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (!store_is_empty (gen.store, &empty, &error))
    {
      g_printerr ("dossier-generate: could not read the store: %s\n", error->message);
      generator_clear (&gen);
      return EXIT_FAILURE;
    }
  if (!empty)
    {
      /* references ("UA 001/26") and the feed's address are unique: a second
       * run would collide with the first, and the seed would mean nothing */
      g_printerr ("dossier-generate: the store %s already holds records; "
                  "give the --data-dir of a new or empty profile\n", path);
      generator_clear (&gen);
      return EXIT_FAILURE;
    }

  gen.rand = g_rand_new_with_seed ((guint32) seed);
  gen.n_volunteers = (guint) n_volunteers;
  gen.first_day = julian_from_ymd (FIRST_YEAR, 1, 1);
  gen.today = julian_from_ymd (TODAY_YEAR, TODAY_MONTH, TODAY_DAY);
  /* nothing has happened after "today" */
  gen.last_day = gen.today;
  gen.case_ids = g_ptr_array_new_full (n_cases, g_free);
  gen.case_names = g_ptr_array_new_full (n_cases, g_free);
  gen.case_arrests = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_cases);
  gen.case_in_russia = g_array_sized_new (FALSE, FALSE, sizeof (gboolean), n_cases);
  gen.case_last_ua = g_array_sized_new (FALSE, FALSE, sizeof (gint), n_cases);
  g_array_set_size (gen.case_last_ua, n_cases);
  for (int i = 0; i < n_cases; i++)
    g_array_index (gen.case_last_ua, gint, i) = -1;
  gen.target_ids = g_ptr_array_new_full (n_targets, g_free);
  gen.uas = g_array_sized_new (FALSE, TRUE, sizeof (UaInfo), n_uas);
  g_array_set_clear_func (gen.uas, ua_info_clear);

  g_printerr ("Filling %s (seed %" G_GINT64_FORMAT ")\n", path, seed);
  gen.start_usec = gen.last_progress_usec = g_get_monotonic_time ();

  if (!dossier_store_begin (gen.store, &error))
    {
      g_printerr ("dossier-generate: could not start writing: %s\n", error->message);
      generator_clear (&gen);
      return EXIT_FAILURE;
    }
  if (!generate_cases (&gen, n_cases, &error) ||
      !generate_events (&gen, n_events, &error) ||
      !generate_targets (&gen, n_targets, &error) ||
      !generate_uas (&gen, n_uas, &error) ||
      !generate_actions (&gen, n_actions, &error) ||
      !generate_feed (&gen, n_feed_items, &error))
    {
      g_printerr ("dossier-generate: %s\nNothing was written.\n", error->message);
      dossier_store_rollback (gen.store);
      generator_clear (&gen);
      return EXIT_FAILURE;
    }
  insert_usec = g_get_monotonic_time ();
  g_printerr ("  committing…\n");
  if (!dossier_store_commit (gen.store, &error))
    {
      g_printerr ("dossier-generate: could not commit: %s\nNothing was written.\n", error->message);
      generator_clear (&gen);
      return EXIT_FAILURE;
    }
  commit_usec = g_get_monotonic_time ();

  /* closing checkpoints the write-ahead log into the database file */
  n_records = gen.n_records;
  generator_clear (&gen);
  close_usec = g_get_monotonic_time ();

  seconds = (close_usec - gen.start_usec) / (double) G_USEC_PER_SEC;
  g_printerr ("  insert %.1f s, commit %.1f s, close %.1f s\n",
              (insert_usec - gen.start_usec) / (double) G_USEC_PER_SEC,
              (commit_usec - insert_usec) / (double) G_USEC_PER_SEC,
              (close_usec - commit_usec) / (double) G_USEC_PER_SEC);
  g_print ("Generated %d cases, %" G_GUINT64_FORMAT " charges, %d events, %d targets, %d urgent actions, "
           "%d actions, 1 feed, %d feed items (%" G_GUINT64_FORMAT " records) in %.1f s, %.0f records/s\n",
           n_cases, gen.n_charges, n_events, n_targets, n_uas, n_actions, n_feed_items,
           n_records, seconds, seconds > 0 ? n_records / seconds : 0.0);
  return EXIT_SUCCESS;
}
